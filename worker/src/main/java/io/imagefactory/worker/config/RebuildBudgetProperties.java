package io.imagefactory.worker.config;

import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.HostBudget;
import io.imagefactory.github.GitHubCiProvider;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.rebuild-budget.*}: how fast matured rebuilds become CI runs. The defaults
 * suit a GitHub organisation with a few dozen hosted runners: five runs per repository keep one
 * monorepo from taking every runner, fifty per host stay under a typical concurrent-job allowance,
 * and three hundred dispatches an hour spend about a tenth of a token's 5,000 requests an hour on
 * dispatches (each run is then read about once a minute, which is what the rest is for). The
 * embedded demo keeps them: it records dispatches, which free their slot at once, and has fewer
 * images than any limit.
 *
 * @param runsPerRepository runs in flight at once per source repository
 * @param runsPerHost runs in flight at once per CI host
 * @param dispatchesPerHour dispatches per CI host in any sliding hour
 * @param hosts per host name, limits that differ from these (keys with dots are written {@code
 *     "[ghe.example.com]"})
 * @param githubReserve requests of a GitHub credential's hourly quota a dispatch never spends: it
 *     waits for the quota's reset instead, so run following and enrollment checks keep working
 * @param reclaimAfter a slot never given back (a lost signal) is taken back after this long
 */
@ConfigurationProperties("image-factory.rebuild-budget")
public record RebuildBudgetProperties(
    @DefaultValue("" + BudgetLimits.DEFAULT_RUNS_PER_REPOSITORY) int runsPerRepository,
    @DefaultValue("" + BudgetLimits.DEFAULT_RUNS_PER_HOST) int runsPerHost,
    @DefaultValue("" + BudgetLimits.DEFAULT_DISPATCHES_PER_HOUR) int dispatchesPerHour,
    Map<String, HostLimits> hosts,
    @DefaultValue("" + GitHubCiProvider.DEFAULT_DISPATCH_RESERVE) int githubReserve,
    @DefaultValue("97h") Duration reclaimAfter) {

  /** One host's limits; an unset one keeps the default. */
  public record HostLimits(Integer runsPerRepository, Integer runs, Integer dispatchesPerHour) {}

  public RebuildBudgetProperties {
    hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
    for (String key :
        new String[] {"runs-per-repository", "runs-per-host", "dispatches-per-hour"}) {
      int value =
          switch (key) {
            case "runs-per-repository" -> runsPerRepository;
            case "runs-per-host" -> runsPerHost;
            default -> dispatchesPerHour;
          };
      if (value < 1) {
        throw new IllegalArgumentException(
            "image-factory.rebuild-budget." + key + " must be at least 1, not " + value);
      }
    }
    if (githubReserve < 0) {
      throw new IllegalArgumentException(
          "image-factory.rebuild-budget.github-reserve must not be negative");
    }
  }

  /** The defaults, as an unconfigured worker binds them. */
  public static RebuildBudgetProperties defaults() {
    return new RebuildBudgetProperties(
        BudgetLimits.DEFAULT_RUNS_PER_REPOSITORY,
        BudgetLimits.DEFAULT_RUNS_PER_HOST,
        BudgetLimits.DEFAULT_DISPATCHES_PER_HOUR,
        Map.of(),
        GitHubCiProvider.DEFAULT_DISPATCH_RESERVE,
        BudgetLimits.DEFAULT_RECLAIM_AFTER);
  }

  /** The limits the budget workflow applies, with the hosts this worker's providers go to. */
  public BudgetLimits limits(Map<String, String> providerHosts) {
    Map<String, HostBudget> perHost = new TreeMap<>();
    hosts.forEach(
        (host, l) ->
            perHost.put(
                host, new HostBudget(l.runsPerRepository(), l.runs(), l.dispatchesPerHour())));
    return new BudgetLimits(
        runsPerRepository, runsPerHost, dispatchesPerHour, perHost, providerHosts, reclaimAfter);
  }
}
