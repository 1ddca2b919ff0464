package io.imagefactory.budget;

import java.time.Duration;
import java.util.Map;

/**
 * The rebuild budget's limits, from the worker's {@code image-factory.rebuild-budget.*}.
 *
 * @param runsPerRepository runs in flight at once per source repository
 * @param runsPerHost runs in flight at once per CI host
 * @param dispatchesPerHour dispatches per CI host in any sliding hour
 * @param hosts per host name ({@code github.com}, {@code ghe.example.com}), limits that differ
 * @param providerHosts per provider ({@code github}, {@code gitlab}), the host its runs go to
 * @param reclaimAfter a slot whose holder never gave it back is taken back after this long: past
 *     the time a run is followed, so only a lost release reaches it
 */
public record BudgetLimits(
    int runsPerRepository,
    int runsPerHost,
    int dispatchesPerHour,
    Map<String, HostBudget> hosts,
    Map<String, String> providerHosts,
    Duration reclaimAfter) {

  /** Five runs per repository, fifty per host, three hundred dispatches per host and hour. */
  public static final int DEFAULT_RUNS_PER_REPOSITORY = 5;

  public static final int DEFAULT_RUNS_PER_HOST = 50;
  public static final int DEFAULT_DISPATCHES_PER_HOUR = 300;

  /** Three days of following a run, a day of dispatch retries, and a margin. */
  public static final Duration DEFAULT_RECLAIM_AFTER = Duration.ofDays(4).plusHours(1);

  public BudgetLimits {
    hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
    providerHosts = providerHosts == null ? Map.of() : Map.copyOf(providerHosts);
    reclaimAfter = reclaimAfter == null ? DEFAULT_RECLAIM_AFTER : reclaimAfter;
  }

  public static BudgetLimits defaults() {
    return new BudgetLimits(
        DEFAULT_RUNS_PER_REPOSITORY,
        DEFAULT_RUNS_PER_HOST,
        DEFAULT_DISPATCHES_PER_HOUR,
        Map.of(),
        Map.of(),
        DEFAULT_RECLAIM_AFTER);
  }

  /** The host a provider's runs go to: configured, or the public service's. */
  public String hostOf(String provider) {
    String name = provider == null ? "github" : provider;
    String host = providerHosts.get(name);
    if (host != null) {
      return host;
    }
    return "gitlab".equals(name) ? "gitlab.com" : "github.com";
  }

  public int runsPerRepository(String host) {
    HostBudget h = hosts.get(host);
    return h != null && h.runsPerRepository() != null ? h.runsPerRepository() : runsPerRepository;
  }

  public int runsPerHost(String host) {
    HostBudget h = hosts.get(host);
    return h != null && h.runs() != null ? h.runs() : runsPerHost;
  }

  public int dispatchesPerHour(String host) {
    HostBudget h = hosts.get(host);
    return h != null && h.dispatchesPerHour() != null ? h.dispatchesPerHour() : dispatchesPerHour;
  }
}
