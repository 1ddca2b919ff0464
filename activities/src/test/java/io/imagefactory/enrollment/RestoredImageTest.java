package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.RebuildBudgetWorkflowImpl;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildBudgetActivitiesImpl;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.RuntimeRecords;
import io.imagefactory.statefiles.SourceConfig;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.CommitResult;
import io.imagefactory.staterepo.ImageRuntimeChange;
import io.imagefactory.staterepo.StateChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoActivities;
import io.imagefactory.staterepo.StateRepoClientActivitiesImpl;
import io.imagefactory.staterepo.StateRepoWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An image workflow restored from its state file in git (a lost namespace, the embedded server
 * after a restart) keeps the candidates its last rebuild consumed, so Kargo delivering the same
 * digest again does not rebuild the image a second time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RestoredImageTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final String NODE = "node-22";
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final String NEWER = "sha256:" + "b".repeat(64);

  private final StateFileStore store = new StateFileStore();
  private final CountingActivities activities = new CountingActivities();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(
        ImageWorkflowImpl.class, StateRepoWorkflowImpl.class, RebuildBudgetWorkflowImpl.class);
    WorkflowClient client = env.getWorkflowClient();
    worker.registerActivitiesImplementations(
        activities,
        new StateRepoClientActivitiesImpl(client),
        new RebuildBudgetActivitiesImpl(client, BudgetLimits.defaults()));
    env.start();
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void anImageRestoredFromGitDoesNotRebuildTwiceForTheSameDigest() throws Exception {
    ManagedImageState enrolled = api();
    ImageWorkflow first = start(EntitySetups.imageSetup(enrolled, Map.of()));
    first.baseUpdated(new BaseUpdate(NODE, DIGEST, now()));
    env.sleep(Duration.ofDays(7).plusMinutes(5));
    assertThat(activities.rebuilds).hasSize(1);
    ImageRuntime committed = activities.lastCommitted;
    assertThat(committed.lastRebuild().covered())
        .extracting(PendingDigest::digest)
        .containsExactly(DIGEST);

    ImageState fromGit = throughTheStateFile(RuntimeRecords.withRuntime(enrolled, committed));
    WorkflowStub.fromTyped(first).terminate("namespace lost");
    ImageWorkflow restored = start(EntitySetups.imageSetup(fromGit, Map.of()));
    restored.baseUpdated(new BaseUpdate(NODE, DIGEST, now()));
    env.sleep(Duration.ofDays(8));

    assertThat(activities.rebuilds).hasSize(1);
    assertThat(restored.status().runtime().pending()).isEmpty();

    restored.baseUpdated(new BaseUpdate(NODE, NEWER, now()));
    env.sleep(Duration.ofDays(7).plusMinutes(5));
    assertThat(activities.rebuilds).hasSize(2);
    assertThat(activities.rebuilds.get(1).baseDigests()).isEqualTo(Map.of(NODE, NEWER));
  }

  private ImageState throughTheStateFile(ImageState state) throws Exception {
    byte[] bytes = store.write(state).getBytes(StandardCharsets.UTF_8);
    return store.readImage("images/api.yaml", bytes);
  }

  private ImageWorkflow start(ImageSetup setup) {
    ImageWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                ImageWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.image(setup.config().name()))
                    .setTaskQueue(TaskQueues.MAIN)
                    .build());
    WorkflowClient.start(workflow::run, setup);
    return workflow;
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private static ManagedImageState api() {
    SourceConfig source =
        new SourceConfig("github", "org/api", null, "Dockerfile", "build.yml", Map.of(), Map.of());
    return new ManagedImageState(
        "api",
        T0,
        T0,
        DiscoveryStatus.SUCCESS,
        null,
        List.of(),
        new Enrollment("ghcr.io", "org/api", source, "7d", true),
        List.of(NODE),
        List.of(),
        List.of(),
        null,
        null,
        null,
        RebuildState.monitoring(),
        Map.of());
  }

  /**
   * Records rebuilds (as the embedded default does), and takes every commit, keeping the newest
   * runtime of the image that the writer would put in its state file.
   */
  static final class CountingActivities implements StateRepoActivities, RebuildActivities {
    final List<RebuildRequest> rebuilds = new CopyOnWriteArrayList<>();
    volatile ImageRuntime lastCommitted;
    private final AtomicInteger commits = new AtomicInteger();

    @Override
    public CommitResult commit(CommitRequest request) {
      for (StateChangeBatch batch : request.batches()) {
        for (StateChange change : batch.changes()) {
          if (change instanceof ImageRuntimeChange runtime) {
            lastCommitted = runtime.runtime();
          }
        }
      }
      return new CommitResult("c" + commits.incrementAndGet(), true, false, Map.of());
    }

    @Override
    public RebuildDispatch dispatchRebuild(RebuildRequest request) {
      rebuilds.add(request);
      return new RebuildDispatch(RebuildDispatch.RECORDED, null, "recorded " + request.rebuildId());
    }

    @Override
    public RunConclusion awaitRun(RunRef run) {
      throw new AssertionError("a recorded rebuild has no run to follow, got " + run);
    }
  }
}
