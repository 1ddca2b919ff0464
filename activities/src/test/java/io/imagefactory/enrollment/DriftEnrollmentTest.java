package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.argocd.ArgoCdActivitiesImpl;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.dockerfile.DockerfileActivities;
import io.imagefactory.drift.DriftRequest;
import io.imagefactory.drift.DriftWorkflow;
import io.imagefactory.drift.DriftWorkflowImpl;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.rebuild.RecordingRebuildActivities;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceHosts;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StateRepoActivitiesImpl;
import io.imagefactory.staterepo.StateRepoClientActivitiesImpl;
import io.imagefactory.staterepo.StateRepoWorkflowImpl;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift check on real repositories and every workflow on a time-skipping test server: after an
 * interval, the image whose Dockerfile changed in its source repository (without a change to {@code
 * images.yaml}) is analysed again and its state file gets the new bases; the image whose repository
 * did not move is not analysed, and the check fetches each repository once.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DriftEnrollmentTest {

  private static final Duration INTERVAL = Duration.ofHours(1);

  @TempDir Path tmp;
  private Repository state;
  private Repository app;
  private Repository tool;
  private StateRepository repository;
  private SourceCache sources;
  private TestWorkflowEnvironment env;
  private final List<String> analysed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    state = GitFixtures.bare(tmp.resolve("state.git"));
    app = GitFixtures.bare(tmp.resolve("app.git"));
    tool = GitFixtures.bare(tmp.resolve("tool.git"));
    GitFixtures.commit(app, "main", "app", Map.of("Dockerfile", "FROM node:22-bookworm-slim\n"));
    GitFixtures.commit(tool, "main", "tool", Map.of("Dockerfile", "FROM alpine:3.20\n"));
    GitFixtures.commit(
        state,
        "main",
        "catalog",
        Map.of("images.yaml", "images:\n" + entry("app", "app.git") + entry("tool", "tool.git")));
    repository =
        new StateRepository(
            StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")),
            new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())));
    sources = new SourceCache(tmp.resolve("sources"), SourceHosts.localOnly());
    env = TestWorkflowEnvironment.newInstance();
    EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    WorkflowClient client = env.getWorkflowClient();
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(
        EnrollmentWorkflowImpl.class,
        ImageWorkflowImpl.class,
        BaseImageWorkflowImpl.class,
        StateRepoWorkflowImpl.class,
        DriftWorkflowImpl.class);
    DockerfileActivities real = new DockerfileActivitiesImpl(sources, repository, () -> {});
    DockerfileActivities counting =
        group -> {
          group.targets().forEach(t -> analysed.add(t.image()));
          return real.analyzeGroup(group);
        };
    worker.registerActivitiesImplementations(
        new CatalogActivitiesImpl(repository, sources),
        counting,
        new StateRepoActivitiesImpl(repository),
        new StateRepoClientActivitiesImpl(client),
        new EntityActivitiesImpl(client, new StateRepositorySetups(repository)),
        new ArgoCdActivitiesImpl(
            Optional.empty(),
            new AwaitSyncRequest("image-factory", "argocd", null, Duration.ofMinutes(10)),
            Duration.ofSeconds(5)),
        new RecordingRebuildActivities());
    env.start();
  }

  @AfterEach
  void stop() throws Exception {
    env.close();
    sources.close();
    repository.close();
    state.close();
    app.close();
    tool.close();
  }

  private String entry(String name, String repo) {
    return "  - name: "
        + name
        + "\n    registry: ghcr.io\n    repository: acme/"
        + name
        + "\n    source:\n      repo: file://"
        + tmp.resolve(repo).toAbsolutePath()
        + "\n      dockerfile: Dockerfile\n";
  }

  private ManagedImageState stateFile(String name) throws Exception {
    String text = GitFixtures.read(state, "main", "images/" + name + ".yaml");
    return (ManagedImageState)
        new StateFileStore()
            .readImage("images/" + name + ".yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  private EnrollmentResult enroll() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            EnrollmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.ENROLLMENT)
                .setTaskQueue(TaskQueues.MAIN)
                .build())
        .run(EnrollmentRequest.of("test"));
  }

  /** Waits, in real time, until the drift enrollment has committed the image's new bases. */
  private void awaitBases(String image, String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!stateFile(image).baseImages().contains(base)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the drift enrollment did not commit " + base + " in time");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void reanalysesOnlyTheImageWhoseSourceMovedAndRecordsItsNewBases() throws Exception {
    enroll();
    assertThat(analysed).containsExactlyInAnyOrder("app", "tool");
    ManagedImageState toolBefore = stateFile("tool");
    assertThat(stateFile("app").baseImages()).containsExactly("node-22-bookworm-slim");
    assertThat(stateFile("app").sourceRevision()).isEqualTo(app.resolve("refs/heads/main").name());
    ObjectId changed =
        GitFixtures.commit(app, "main", "node 24", Map.of("Dockerfile", "FROM node:24-slim\n"));
    analysed.clear();
    long fetchesBefore = sources.fetchCount();

    WorkflowClient.start(
        env.getWorkflowClient()
                .newWorkflowStub(
                    DriftWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.DRIFT)
                        .setTaskQueue(TaskQueues.MAIN)
                        .build())
            ::run,
        new DriftRequest(INTERVAL));
    env.sleep(INTERVAL.plusMinutes(1));
    awaitBases("app", "node-24-slim");

    assertThat(analysed).as("only the moved image is analysed").containsExactly("app");
    ManagedImageState appAfter = stateFile("app");
    assertThat(appAfter.baseImages()).containsExactly("node-24-slim");
    assertThat(appAfter.sourceRevision()).isEqualTo(changed.name());
    assertThat(GitFixtures.read(state, "main", "base-images/node-24-slim.yaml")).isNotNull();
    assertThat(stateFile("tool")).isEqualTo(toolBefore);
    // The check fetches both repositories once; the analysis of the moved one fetches it again.
    assertThat(sources.fetchCount() - fetchesBefore).isEqualTo(3);
  }
}
