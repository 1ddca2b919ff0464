package io.imagefactory.bench.staterepo;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.argocd.ArgoCdActivitiesImpl;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.base.DigestReports;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.enrollment.CatalogActivitiesImpl;
import io.imagefactory.enrollment.DockerfileActivitiesImpl;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.enrollment.EnrollmentWorkflowImpl;
import io.imagefactory.enrollment.EntityActivitiesImpl;
import io.imagefactory.enrollment.StateRepositorySetups;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceHosts;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.staterepo.FanOutFleet.CountingRebuilds;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.GitFixtures.Entry;
import io.imagefactory.staterepo.StateRepoActivitiesImpl;
import io.imagefactory.staterepo.StateRepoClientActivitiesImpl;
import io.imagefactory.staterepo.StateRepoWorkflowImpl;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Times a burst of Kargo events (issue: a burst defeats coalescing) through the real workflows and
 * activities, set up as {@link FanOutBench} is: a JGit state repository on local disk, the
 * in-process Temporal test server in real time and a worker with the SDK's default options; only
 * the CI is a recording dispatcher. It enrolls B bases with D managed dependents each (their build
 * inputs pin the base, the strictest case for the soak), records a baseline digest per base, then
 * sends N {@code digestSeen} signals, spread over the given seconds by parallel clients, as the
 * webhook sends them: each a new digest of one base stamped with its reception time, every seventh
 * a redelivery of an earlier one. It prints the time from the last event until git holds the newest
 * digest of every base, the commits, the longest history of any base run and of any image, the heap
 * after a collection, and, once the candidates matured, the rebuilds per image.
 *
 * <pre>
 * mvn -B -ntp -q -DskipTests package -pl bench -am
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.staterepo.BurstBench 10000 42
 * # arguments: events, seconds to spread them over, bases, dependents per base, rebuildDelay
 * </pre>
 */
public final class BurstBench {

  private static final String[] BASES = {
    "node:22-bookworm-slim", "python:3.12-slim", "golang:1.23-alpine", "nginx:1.27-alpine",
    "redis:7-alpine", "alpine:3.20", "debian:12-slim", "ubuntu:24.04"
  };

  /**
   * Concurrent senders, as concurrent Kargo promotions are: each waits for its answer, and the
   * webhook answers once the paced signal carrying its report is accepted.
   */
  private static final int CLIENTS = 64;

  private static final Duration LIMIT = Duration.ofMinutes(10);

  private BurstBench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int spreadSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 42;
    int bases = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int dependents = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    String delay = args.length > 4 ? args[4] : "2m";
    Path work = BenchRepos.tempDir("burst-bench");
    try (Fleet fleet = new Fleet(work, bases, dependents, delay)) {
      long start = System.nanoTime();
      fleet.enroll();
      Map<String, BaseImageState> watched = fleet.baseStates();
      System.out.printf(
          "enrolled %d images on %d bases in %.1f s%n",
          fleet.images, watched.size(), seconds(System.nanoTime() - start));
      Map<String, String> baseline = new TreeMap<>();
      for (String base : watched.keySet()) {
        baseline.put(base, digest(base, 0));
        fleet.signal(base, new DigestSeen(digest(base, 0), "baseline", "f0", Instant.now()));
      }
      fleet.awaitDigests(baseline);
      Map<String, String> firstRuns = fleet.runIds(watched.keySet());
      ObjectId before = fleet.tip();

      Burst burst = Burst.send(fleet, new ArrayList<>(watched.keySet()), events, spreadSeconds);
      long lastEvent = System.nanoTime();
      System.out.printf(
          "sent %d events (%d redeliveries) from %d clients in %.1f s; %d signal(s) retried"
              + " across a continue-as-new%n",
          events,
          burst.redeliveries,
          CLIENTS,
          seconds(lastEvent - burst.startedNanos),
          fleet.retriedSignals.get());
      boolean reached = fleet.awaitDigests(burst.newest);
      long reachedAt = System.nanoTime();
      System.out.printf(
          "git %s the newest digest of every base %.1f s after the last event; %d commit(s)%n",
          reached ? "holds" : "DOES NOT hold",
          seconds(reachedAt - lastEvent),
          fleet.commitsSince(before));

      Thread.sleep(10_000);
      System.out.printf("commits since the burst, 10 s later: %d%n", fleet.commitsSince(before));
      System.out.printf(
          "longest history: base run %d events (%d runs of %d bases); image %d events%n",
          fleet.longestBaseRun(firstRuns), fleet.baseRuns, watched.size(), fleet.longestImage());
      System.gc();
      Runtime rt = Runtime.getRuntime();
      System.out.printf(
          "heap after a collection: %d MiB (test server, worker and bench in one JVM)%n",
          (rt.totalMemory() - rt.freeMemory()) >> 20);

      // The newest candidate of the burst was first seen at the last event's reception; its
      // maturity (plus the burst window at most) is when each image rebuilds.
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (fleet.rebuilds.dispatched() < fleet.images && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
      }
      System.out.printf(
          "rebuilds dispatched for %d of %d images %.1f s after the last event%n",
          fleet.rebuilds.dispatched(), fleet.images, seconds(System.nanoTime() - lastEvent));
      Thread.sleep(30_000);
      Map<Integer, Integer> histogram = new TreeMap<>();
      fleet.rebuilds.perImage.values().forEach(ids -> histogram.merge(ids.size(), 1, Integer::sum));
      System.out.printf(
          "rebuilds per image 30 s later: %s (rebuilds: images); %d dispatch call(s)%n",
          histogram, fleet.rebuilds.calls.get());
    } finally {
      BenchRepos.delete(work);
    }
  }

  /** One digest per base and number, distinct across bases. */
  static String digest(String base, int n) {
    return String.format("sha256:%08x%056x", base.hashCode(), n);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** The events, sent at an even rate by parallel clients; per base, the newest one sent. */
  private static final class Burst {
    final Map<String, String> newest = new HashMap<>();
    final Map<String, Instant> newestAt = new HashMap<>();
    long startedNanos;
    int redeliveries;

    static Burst send(Fleet fleet, List<String> bases, int events, int spreadSeconds)
        throws Exception {
      Burst burst = new Burst();
      Map<String, AtomicLong> received = new HashMap<>();
      bases.forEach(b -> received.put(b, new AtomicLong()));
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      long interval = Duration.ofSeconds(spreadSeconds).toNanos() / events;
      burst.startedNanos = System.nanoTime();
      List<Future<?>> sent = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        sent.add(
            clients.submit(
                () -> {
                  for (int i = client; i < events; i += CLIENTS) {
                    long due = burst.startedNanos + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    String base = bases.get(i % bases.size());
                    int n = i / bases.size() + 1;
                    // Every seventh event redelivers the one sent 5 rounds (20 events at 4 bases)
                    // earlier, which was itself a first delivery.
                    boolean redelivery = i % 7 == 6 && n > 5;
                    int number = redelivery ? n - 5 : n;
                    Instant at = burst.stamp(base, received.get(base), number, redelivery);
                    fleet.signal(base, new DigestSeen(digest(base, number), "t", "f" + i, at));
                  }
                  return null;
                }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      clients.shutdown();
      return burst;
    }

    /** The webhook's clock, strictly increasing per base, and the newest digest per base. */
    synchronized Instant stamp(String base, AtomicLong last, int number, boolean redelivery) {
      long nanos = Math.max(System.currentTimeMillis() * 1_000_000, last.get() + 1);
      last.set(nanos);
      Instant at = Instant.ofEpochSecond(0, nanos);
      if (redelivery) {
        redeliveries++;
      } else if (!newestAt.containsKey(base) || at.isAfter(newestAt.get(base))) {
        newestAt.put(base, at);
        newest.put(base, digest(base, number));
      }
      return at;
    }
  }

  /** B bases with D dependents each, enrolled in a local git state repository. */
  private static final class Fleet implements AutoCloseable {

    final TestWorkflowEnvironment env;
    final WorkflowClient client;
    final CountingRebuilds rebuilds = new CountingRebuilds();
    final int images;
    final AtomicInteger retriedSignals = new AtomicInteger();
    private final DigestReports reports;
    int baseRuns;
    private final Repository remote;
    private final StateRepository repository;
    private final SourceCache sources;
    private final StateFileStore store = new StateFileStore();

    Fleet(Path dir, int bases, int dependents, String rebuildDelay) throws Exception {
      images = bases * dependents;
      remote = GitFixtures.bare(dir.resolve("state.git"));
      GitFixtures.commit(remote, "main", "burst fleet", entries(bases, dependents, rebuildDelay));
      repository =
          new StateRepository(
              StateRepositorySettings.of(dir.resolve("state.git").toString(), dir.resolve("cache")),
              new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())));
      sources = new SourceCache(dir.resolve("sources"), SourceHosts.localOnly());
      env =
          TestWorkflowEnvironment.newInstance(
              TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
      EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
      client = env.getWorkflowClient();
      reports = new DigestReports(client);
      Worker w = env.newWorker(TaskQueues.MAIN, WorkerOptions.getDefaultInstance());
      w.registerWorkflowImplementationTypes(
          EnrollmentWorkflowImpl.class,
          ImageWorkflowImpl.class,
          BaseImageWorkflowImpl.class,
          StateRepoWorkflowImpl.class,
          io.imagefactory.budget.RebuildBudgetWorkflowImpl.class);
      w.registerActivitiesImplementations(
          new CatalogActivitiesImpl(repository),
          new DockerfileActivitiesImpl(sources, repository, () -> {}),
          new StateRepoActivitiesImpl(repository),
          new StateRepoClientActivitiesImpl(client),
          // Limits no fleet reaches: this measures the fan-out, not the rebuild budget.
          new io.imagefactory.rebuild.RebuildBudgetActivitiesImpl(
              client,
              new io.imagefactory.budget.BudgetLimits(
                  1_000_000, 1_000_000, 1_000_000, java.util.Map.of(), java.util.Map.of(), null)),
          new EntityActivitiesImpl(client, new StateRepositorySetups(repository)),
          new ArgoCdActivitiesImpl(
              Optional.empty(),
              new AwaitSyncRequest("image-factory", "argocd", null, Duration.ofMinutes(10)),
              Duration.ofSeconds(5)),
          rebuilds);
      env.start();
    }

    void enroll() {
      client
          .newWorkflowStub(
              EnrollmentWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.ENROLLMENT)
                  .setTaskQueue(TaskQueues.MAIN)
                  .build())
          .run(EnrollmentRequest.of("burst fleet"));
    }

    /**
     * Reports as the webhook does, through {@link DigestReports}: paced per base, several reports
     * in one signal under a flood. The test server's continue-as-new is not atomic
     * (temporalio/sdk-java#1538): a signal in between is refused as sent to a completed workflow,
     * where a real server makes the client retry. This retries too, and counts it.
     */
    void signal(String base, DigestSeen event) throws InterruptedException {
      for (int attempt = 1; ; attempt++) {
        try {
          reports.send(WorkflowIds.base(base), event);
          return;
        } catch (WorkflowNotFoundException e) {
          if (attempt == 50) {
            throw e;
          }
          retriedSignals.incrementAndGet();
          Thread.sleep(20);
        }
      }
    }

    /** The base-image state files at the tip, by name. */
    Map<String, BaseImageState> baseStates() throws Exception {
      Map<String, BaseImageState> states = new TreeMap<>();
      try (RevWalk walk = new RevWalk(remote);
          TreeWalk tree = new TreeWalk(remote)) {
        tree.addTree(walk.parseCommit(tip()).getTree());
        tree.setRecursive(true);
        tree.setFilter(PathFilter.create(StateFileStore.BASE_IMAGES_DIR));
        while (tree.next()) {
          byte[] content = remote.open(tree.getObjectId(0)).getBytes();
          BaseImageState state = store.readBaseImage(tree.getPathString(), content);
          states.put(state.name(), state);
        }
      }
      return states;
    }

    /** Waits until every base's state file holds its digest; false when not within the limit. */
    boolean awaitDigests(Map<String, String> digests) throws Exception {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      ObjectId seen = null;
      while (System.nanoTime() < deadline) {
        ObjectId tip = tip();
        if (!tip.equals(seen)) {
          seen = tip;
          Map<String, BaseImageState> states = baseStates();
          if (digests.entrySet().stream()
              .allMatch(e -> e.getValue().equals(states.get(e.getKey()).currentDigest()))) {
            return true;
          }
        }
        Thread.sleep(50);
      }
      return false;
    }

    Map<String, String> runIds(Iterable<String> bases) {
      Map<String, String> runs = new TreeMap<>();
      for (String base : bases) {
        runs.put(
            base,
            client
                .newUntypedWorkflowStub(WorkflowIds.base(base))
                .describe()
                .getExecution()
                .getRunId());
      }
      return runs;
    }

    /** The longest history of any run of any base since {@code firstRuns}; counts the runs. */
    int longestBaseRun(Map<String, String> firstRuns) {
      int longest = 0;
      baseRuns = 0;
      for (Map.Entry<String, String> first : firstRuns.entrySet()) {
        String next = first.getValue();
        while (next != null) {
          WorkflowExecutionHistory run =
              client.fetchHistory(WorkflowIds.base(first.getKey()), next);
          baseRuns++;
          longest = Math.max(longest, run.getEvents().size());
          HistoryEvent last = run.getLastEvent();
          next =
              last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                  ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
                  : null;
        }
      }
      return longest;
    }

    /** The longest history of any image workflow's current run. */
    long longestImage() {
      long longest = 0;
      for (int i = 0; i < images; i++) {
        longest =
            Math.max(
                longest, client.fetchHistory(WorkflowIds.image(imageName(i))).getEvents().size());
      }
      return longest;
    }

    ObjectId tip() throws Exception {
      return remote.resolve(Constants.R_HEADS + "main");
    }

    int commitsSince(ObjectId since) throws Exception {
      return GitFixtures.commitsSince(remote, "main", since);
    }

    @Override
    public void close() {
      env.close();
      repository.close();
      sources.close();
      remote.close();
    }

    static String imageName(int i) {
      return String.format("app-%04d", i);
    }

    private static List<Entry> entries(int bases, int dependents, String rebuildDelay) {
      List<Entry> entries = new ArrayList<>();
      StringBuilder catalog = new StringBuilder("images:\n");
      for (int i = 0; i < bases * dependents; i++) {
        String name = imageName(i);
        String base = BASES[i % bases];
        entries.add(
            Entry.file(
                "apps/" + name + "/Dockerfile",
                "# syntax=docker/dockerfile:1\nFROM " + base + "\nWORKDIR /app\nCOPY . .\n"));
        catalog
            .append("  - name: ")
            .append(name)
            .append('\n')
            .append("    registry: ghcr.io\n")
            .append("    repository: example-org/")
            .append(name)
            .append('\n')
            .append("    source:\n      provider: github\n")
            .append("      dockerfile: apps/")
            .append(name)
            .append("/Dockerfile\n")
            .append("      workflow: build.yml\n")
            .append("      workflowInputs:\n")
            .append("        base_image: \"${base.")
            .append(base.replace(':', '-'))
            .append(".ref}\"\n")
            .append("    rebuildDelay: ")
            .append(rebuildDelay)
            .append('\n')
            .append("    autoRebuild: true\n");
      }
      entries.add(Entry.file("images.yaml", catalog.toString()));
      entries.add(
          Entry.file(
              ".github/workflows/build.yml",
              "name: Build\non:\n  workflow_dispatch:\n    inputs:\n      base_image:\n"
                  + "        type: string\n        required: true\njobs:\n  build:\n"
                  + "    runs-on: ubuntu-latest\n    steps:\n      - run: echo build\n"));
      return entries;
    }
  }
}
