package io.imagefactory.staterepo;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.argocd.ArgoCdActivitiesImpl;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.enrollment.CatalogActivitiesImpl;
import io.imagefactory.enrollment.DockerfileActivitiesImpl;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.enrollment.EnrollmentWorkflowImpl;
import io.imagefactory.enrollment.EntityActivitiesImpl;
import io.imagefactory.enrollment.StateRepositorySetups;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RecordingRebuildActivities;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceHosts;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.StateFileException;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.staterepo.GitFixtures.Entry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A fleet of managed images all built {@code FROM node:22-bookworm-slim}, enrolled in a real local
 * git state repository, with every Image Factory workflow and the real activities (git commits,
 * Dockerfile analysis, entity starts, the writer's client) running on one Temporal test worker;
 * only the CI is replaced, by a recording dispatcher that counts rebuilds per image. Used by the
 * fan-out regression test and by the fan-out benchmark.
 */
public final class FanOutFleet implements AutoCloseable {

  /** The base every image is built on, as the state files name it. */
  public static final String BASE = "node-22-bookworm-slim";

  public final TestWorkflowEnvironment env;
  public final WorkflowClient client;
  public final CountingRebuilds rebuilds = new CountingRebuilds();
  public final TimedCommits commits;
  private final Repository remote;
  private final StateRepository repository;
  private final SourceCache sources;
  private final CatalogActivitiesImpl catalog;
  private final DockerfileActivitiesImpl dockerfiles;
  private final int images;

  /**
   * @param options the test server and worker factory; {@code worker} the worker's options
   */
  public FanOutFleet(
      Path dir,
      int images,
      String rebuildDelay,
      TestEnvironmentOptions options,
      WorkerOptions worker)
      throws IOException {
    this.images = images;
    remote = GitFixtures.bare(dir.resolve("state.git"));
    GitFixtures.commit(
        remote, "main", "enroll " + images + " images", entries(images, rebuildDelay));
    repository =
        new StateRepository(
            StateRepositorySettings.of(dir.resolve("state.git").toString(), dir.resolve("cache")),
            new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())));
    sources = new SourceCache(dir.resolve("sources"), SourceHosts.localOnly());
    commits = new TimedCommits(new StateRepoActivitiesImpl(repository));
    env = TestWorkflowEnvironment.newInstance(options);
    EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    client = env.getWorkflowClient();
    Worker w = env.newWorker(TaskQueues.MAIN, worker);
    w.registerWorkflowImplementationTypes(
        EnrollmentWorkflowImpl.class,
        ImageWorkflowImpl.class,
        BaseImageWorkflowImpl.class,
        StateRepoWorkflowImpl.class,
        io.imagefactory.budget.RebuildBudgetWorkflowImpl.class);
    catalog = new CatalogActivitiesImpl(repository);
    dockerfiles = new DockerfileActivitiesImpl(sources, repository, () -> {});
    w.registerActivitiesImplementations(
        catalog,
        dockerfiles,
        commits,
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

  /** Runs an enrollment to its end: state files, entity workflows, the commit. */
  public EnrollmentResult enroll() {
    EnrollmentWorkflow enrollment =
        client.newWorkflowStub(
            EnrollmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.ENROLLMENT)
                .setTaskQueue(TaskQueues.MAIN)
                .build());
    return enrollment.run(EnrollmentRequest.of("fan-out fleet"));
  }

  /** Kargo reports a digest of the base. */
  public void baseDigest(String digest) {
    client
        .newWorkflowStub(BaseImageWorkflow.class, WorkflowIds.base(BASE))
        .digestSeen(
            new DigestSeen(digest, "22-bookworm-slim", "freight-" + digest.substring(7, 15)));
  }

  public static String imageName(int i) {
    return String.format("app-%05d", i);
  }

  /** The tip of the state repository. */
  public ObjectId tip() throws IOException {
    return remote.resolve(Constants.R_HEADS + "main");
  }

  /** The text of a file at the tip, or null. */
  public String read(String path) throws IOException {
    return GitFixtures.read(remote, "main", path);
  }

  /** Waits until the base's state file records {@code digest}; false when it did not in time. */
  public boolean awaitBaseDigest(String digest, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      String state = read(StateFileStore.baseImagePath(BASE));
      if (state != null && state.contains(digest)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** Commits on the branch after {@code since} (exclusive). */
  public int commitsSince(ObjectId since) throws IOException {
    return GitFixtures.commitsSince(remote, "main", since);
  }

  /** Every image's state file at the tip, by image name. */
  public Map<String, ManagedImageState> imageStates() throws IOException {
    Map<String, ManagedImageState> states = new ConcurrentHashMap<>();
    StateFileStore store = new StateFileStore();
    try (RevWalk walk = new RevWalk(remote);
        TreeWalk tree = new TreeWalk(remote)) {
      tree.addTree(walk.parseCommit(tip()).getTree());
      tree.setRecursive(true);
      tree.setFilter(PathFilter.create(StateFileStore.IMAGES_DIR));
      while (tree.next()) {
        byte[] content = remote.open(tree.getObjectId(0)).getBytes();
        try {
          if (store.readImage(tree.getPathString(), content) instanceof ManagedImageState m) {
            states.put(m.name(), m);
          }
        } catch (StateFileException e) {
          throw new IOException(e);
        }
      }
    }
    return states;
  }

  /** Images whose state file holds {@code digest} of the base, as a candidate or rebuilt for. */
  public static long withDigest(Map<String, ManagedImageState> states, String digest) {
    return states.values().stream()
        .filter(
            s ->
                s.rebuildState() != null
                    && (s.rebuildState().candidates().stream()
                            .anyMatch(c -> c.digest().equals(digest))
                        || rebuiltFor(s, digest)))
        .count();
  }

  /** Images whose state file records a finished dispatch of a rebuild for {@code digest}. */
  public static long rebuiltFor(Map<String, ManagedImageState> states, String digest) {
    return states.values().stream().filter(s -> rebuiltFor(s, digest)).count();
  }

  private static boolean rebuiltFor(ManagedImageState state, String digest) {
    RebuildEntry last = state.rebuildState() == null ? null : state.rebuildState().lastRebuild();
    return last != null
        && digest.equals(last.baseDigests().get(BASE))
        && !RebuildEntry.DISPATCHING.equals(last.outcome());
  }

  public int images() {
    return images;
  }

  @Override
  public void close() {
    env.close();
    repository.close();
    sources.close();
    remote.close();
  }

  private static List<Entry> entries(int images, String rebuildDelay) {
    List<Entry> entries = new ArrayList<>();
    StringBuilder catalog = new StringBuilder("images:\n");
    for (int i = 0; i < images; i++) {
      String name = imageName(i);
      entries.add(
          Entry.file(
              "apps/" + name + "/Dockerfile",
              "# syntax=docker/dockerfile:1\nARG BASE_IMAGE=node:22-bookworm-slim\n"
                  + "FROM ${BASE_IMAGE}\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"));
      catalog
          .append("  - name: ")
          .append(name)
          .append('\n')
          .append("    registry: ghcr.io\n")
          .append("    repository: example-org/")
          .append(name)
          .append('\n')
          .append("    source:\n")
          .append("      provider: github\n")
          .append("      dockerfile: apps/")
          .append(name)
          .append("/Dockerfile\n")
          .append("      workflow: build.yml\n")
          .append("      workflowInputs:\n")
          .append("        base_image: \"${base.")
          .append(BASE)
          .append(".ref}\"\n")
          .append("        rebuild_id: \"${rebuild.id}\"\n")
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
                + "        type: string\n        required: true\n      rebuild_id:\n"
                + "        type: string\n        default: \"\"\njobs:\n  build:\n"
                + "    runs-on: ubuntu-latest\n    steps:\n      - run: echo build\n"));
    return entries;
  }

  /** Records every dispatch, as a worker without CI credentials does, and counts them per image. */
  public static final class CountingRebuilds implements RebuildActivities {

    private final RecordingRebuildActivities recording = new RecordingRebuildActivities();

    /** Image to the rebuild ids dispatched for it: two ids are two rebuilds of one image. */
    public final Map<String, Set<String>> perImage = new ConcurrentHashMap<>();

    /** Every call, retries and resumed dispatches included. */
    public final AtomicInteger calls = new AtomicInteger();

    @Override
    public RebuildDispatch dispatchRebuild(RebuildRequest request) {
      calls.incrementAndGet();
      perImage
          .computeIfAbsent(request.image(), i -> ConcurrentHashMap.newKeySet())
          .add(request.rebuildId());
      return recording.dispatchRebuild(request);
    }

    @Override
    public RunConclusion awaitRun(RunRef run) {
      return recording.awaitRun(run);
    }

    /** Images with at least one rebuild dispatched. */
    public int dispatched() {
      return perImage.size();
    }

    /** Images dispatched for more than one rebuild. */
    public long duplicates() {
      return perImage.values().stream().filter(ids -> ids.size() > 1).count();
    }
  }

  /** The writer's real commit activity, timing each call. */
  public static final class TimedCommits implements StateRepoActivities {

    /** One commit activity call: when it started, its batches and input size, how long it took. */
    public record Call(
        long startedNanos, int batches, int inputBytes, long tookMillis, boolean changed) {}

    private final StateRepoActivities commits;
    public final List<Call> calls = new CopyOnWriteArrayList<>();

    TimedCommits(StateRepoActivities commits) {
      this.commits = commits;
    }

    @Override
    public CommitResult commit(CommitRequest request) {
      long start = System.nanoTime();
      CommitResult result = commits.commit(request);
      calls.add(
          new Call(
              start,
              request.batches().size(),
              DefaultDataConverter.STANDARD_INSTANCE
                  .toPayloads(request)
                  .orElseThrow()
                  .getSerializedSize(),
              (System.nanoTime() - start) / 1_000_000,
              result.changed()));
      return result;
    }

    /** The calls that started after {@code nanos}. */
    public List<Call> since(long nanos) {
      return calls.stream().filter(c -> c.startedNanos() >= nanos).toList();
    }
  }
}
