package io.imagefactory.rebuild;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.BudgetSetup;
import io.imagefactory.budget.RebuildBudgetWorkflow;
import io.imagefactory.budget.RebuildBudgetWorkflowImpl;
import io.imagefactory.enrollment.EnsureEntitiesRequest;
import io.imagefactory.enrollment.EntitiesEnsured;
import io.imagefactory.enrollment.EntityActivities;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.enrollment.request.EnrollmentRequestActivities;
import io.imagefactory.github.GitHubApi;
import io.imagefactory.github.GitHubCiProvider;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.CommitResult;
import io.imagefactory.staterepo.StateRepoActivities;
import io.imagefactory.staterepo.StateRepoClientActivitiesImpl;
import io.imagefactory.staterepo.StateRepoWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of images that all take the same new base digest, on a time-skipping Temporal server and
 * a local GitHub: the real image, budget and state-repository workflows, the real rebuild
 * activities and GitHub provider, and a worker that can be stopped and replaced mid-run. Shared by
 * the suite's test and the 1,000-image bench.
 *
 * <p>Every image matures before its window opens (09:00 UTC), at times spread over two hours, so
 * the whole fleet asks for slots at the opening with different eligibility. Every tenth image is
 * the base of the next one (in the next repository), so cascades cross repositories.
 */
public final class BudgetFleet implements AutoCloseable {

  /** Monday 05:00 UTC; the window opens at 09:00. */
  public static final Instant START = Instant.parse("2025-06-09T05:00:00Z");

  public static final Instant OPENING = Instant.parse("2025-06-09T09:00:00Z");
  static final String NODE = "node-22-bookworm-slim";
  static final Duration DELAY = Duration.ofHours(2);
  static final int BUDGET_CONTINUE_AS_NEW_AFTER = 400;
  static final int IMAGE_CONTINUE_AS_NEW_AFTER = 30;

  /**
   * On a loaded machine a task of 200 workflows answering together can outlast the default 10 s;
   * the test server then moves its clock by the timeout, and the budget's five-second gathering
   * ends before the late tickets arrive. Continue-as-new keeps the timeout.
   */
  static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

  private final int images;
  private final int repos;
  private final BudgetLimits limits;
  private final TestWorkflowEnvironment env;
  private final WorkflowClient client;
  private final FleetGitHub github;
  private WorkerFactory factory;

  public BudgetFleet(int images, int repos, BudgetLimits limits, Duration runLength) {
    this.images = images;
    this.repos = repos;
    this.limits = limits;
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
    EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    client = env.getWorkflowClient();
    List<String> repoNames = new ArrayList<>();
    for (int r = 0; r < repos; r++) {
      repoNames.add(repo(r));
    }
    github = new FleetGitHub(repoNames, this::now, runLength);
    // Its own (empty) worker factory starts too, which lets the server skip time.
    env.start();
    factory = startWorker();
  }

  public static String image(int i) {
    return String.format("img-%04d", i);
  }

  public String repoOf(int i) {
    return repo(i % repos);
  }

  private static String repo(int r) {
    return "acme/repo-" + r;
  }

  /** True for the images that are built on the image before them. */
  public static boolean isDependent(int i) {
    return i % 10 == 1;
  }

  /** When image {@code i} first saw the new digest: spread over the two hours before the start. */
  public static Instant seenAt(int i) {
    return START.minus(Duration.ofMinutes((i * 37L) % 120));
  }

  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  public FleetGitHub github() {
    return github;
  }

  public RebuildBudgetWorkflow budget() {
    return client.newWorkflowStub(RebuildBudgetWorkflow.class, WorkflowIds.REBUILD_BUDGET);
  }

  public ImageWorkflow imageWorkflow(int i) {
    return client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image(image(i)));
  }

  /** Starts the budget and every image, then tells every image of the new base digest. */
  public void enroll() {
    RebuildBudgetWorkflow budget =
        client.newWorkflowStub(
            RebuildBudgetWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.REBUILD_BUDGET)
                .setTaskQueue(TaskQueues.MAIN)
                .setWorkflowTaskTimeout(TASK_TIMEOUT)
                .build());
    // Short histories: the budget and the images continue as new many times during the run,
    // carrying the queue, the slots and the tickets.
    WorkflowClient.start(
        budget::run,
        new BudgetSetup(
            BUDGET_CONTINUE_AS_NEW_AFTER,
            List.of(),
            List.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            null));
    for (int i = 0; i < images; i++) {
      ImageWorkflow image =
          client.newWorkflowStub(
              ImageWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.image(image(i)))
                  .setTaskQueue(TaskQueues.MAIN)
                  .setWorkflowTaskTimeout(TASK_TIMEOUT)
                  .build());
      WorkflowClient.start(
          image::run, new ImageSetup(config(i), ImageRuntime.empty(), IMAGE_CONTINUE_AS_NEW_AFTER));
      github.image(repoOf(i), image(i) + ".yml");
    }
    for (int i = 0; i < images; i++) {
      imageWorkflow(i).baseUpdated(new BaseUpdate(NODE, "sha256:" + "a".repeat(64), seenAt(i)));
    }
  }

  private ImageConfig config(int i) {
    List<String> bases = isDependent(i) ? List.of(NODE, image(i - 1)) : List.of(NODE);
    List<String> dependents =
        isDependent(i + 1) && i + 1 < images ? List.of(image(i + 1)) : List.of();
    return new ImageConfig(
        image(i),
        ImageKind.MANAGED,
        DELAY,
        true,
        bases,
        List.of(),
        dependents,
        new RebuildTarget("github", repoOf(i), image(i) + ".yml", "main", Map.of()),
        Map.of(),
        false,
        List.of(),
        new RebuildWindow(
            "UTC",
            List.of(new WindowRange(List.of("Mon", "Tue", "Wed", "Thu", "Fri"), "09:00", "21:00"))),
        null,
        null,
        null);
  }

  /** Advances the server's clock; timers, retries and polls due in between all run. */
  public void sleep(Duration duration) {
    env.sleep(duration);
  }

  /**
   * Stops the worker (its cache and threads go; activities in flight finish first, as in a rolling
   * deploy) and starts a new one on the same server, which replays every workflow.
   */
  public void restartWorker() throws InterruptedException {
    factory.shutdown();
    factory.awaitTermination(60, TimeUnit.SECONDS);
    factory = startWorker();
  }

  private WorkerFactory startWorker() {
    return startWorker(600);
  }

  private WorkerFactory startWorker(int cache) {
    WorkerFactory next =
        WorkerFactory.newInstance(
            client,
            io.temporal.worker.WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(cache)
                .build());
    Worker worker = next.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(
        ImageWorkflowImpl.class, StateRepoWorkflowImpl.class, RebuildBudgetWorkflowImpl.class);
    Clock clock = new ServerClock();
    GitHubCiProvider provider =
        new GitHubCiProvider(
            new GitHubApi(github.baseUrl()), repo -> "ghp_fleet", text -> Optional.empty(), clock);
    worker.registerActivitiesImplementations(
        new RebuildActivitiesImpl(List.of(provider), null),
        new RebuildBudgetActivitiesImpl(client, limits),
        new StateRepoClientActivitiesImpl(client),
        new AcceptingStateRepo(),
        new NoEnrollment());
    next.start();
    return next;
  }

  @Override
  public void close() {
    factory.shutdownNow();
    env.close();
    github.close();
  }

  /** The test server's clock, for what the GitHub provider compares with run times. */
  private final class ServerClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now();
    }
  }

  /** The state repository's git work: every batch is taken. */
  public static final class AcceptingStateRepo implements StateRepoActivities {
    private int commits;

    @Override
    public synchronized CommitResult commit(CommitRequest request) {
      return new CommitResult("commit-" + ++commits, true, false, Map.of());
    }
  }

  /** A cascade asks for an enrollment; the fleet has none to run. */
  public static final class NoEnrollment implements EntityActivities, EnrollmentRequestActivities {
    @Override
    public EntitiesEnsured ensureEntities(EnsureEntitiesRequest request) {
      throw new UnsupportedOperationException("the fleet enrolls nothing");
    }

    @Override
    public void retireEntities(List<String> images, List<String> bases) {}

    @Override
    public void requestEnrollment(EnrollmentRequest request) {}
  }

  /** Per minute from the opening: dispatches, and runs in flight at the minute's start. */
  public Map<Long, int[]> timeline() {
    Map<Long, int[]> minutes = new TreeMap<>();
    List<FleetGitHub.Dispatch> all = github.dispatches();
    Instant last =
        all.stream().map(FleetGitHub.Dispatch::ends).max(Instant::compareTo).orElse(OPENING);
    for (long m = 0; !OPENING.plusSeconds(60 * m).isAfter(last); m++) {
      Instant t = OPENING.plusSeconds(60 * m);
      int dispatched = 0;
      int inFlight = 0;
      for (FleetGitHub.Dispatch d : all) {
        if (!d.at().isBefore(t) && d.at().isBefore(t.plusSeconds(60))) {
          dispatched++;
        }
        if (!d.at().isAfter(t) && d.ends().isAfter(t)) {
          inFlight++;
        }
      }
      minutes.put(m, new int[] {dispatched, inFlight});
    }
    return minutes;
  }
}
