package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.argocd.ArgoCdActivitiesImpl;
import io.imagefactory.argocd.ArgoCdStatusReader;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.rebuild.RecordingRebuildActivities;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceHosts;
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
import java.util.Map;
import java.util.Optional;
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
 * Bases a timed-out Argo CD wait left unwatched are marked by the next enrollment, though it
 * changes nothing in {@code dist/}: real state and source repositories, every workflow on a
 * time-skipping test server, and an Argo CD Application in fabric8's mock Kubernetes API.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UnwatchedBasesEnrollmentTest {

  private static final String BASE = "node-22-bookworm-slim";
  private static final String UNRELATED = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
  private static final ResourceDefinitionContext APPLICATIONS =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withPlural("applications")
          .withKind("Application")
          .withNamespaced(true)
          .build();

  KubernetesClient kubernetes;

  @TempDir Path tmp;
  private Repository state;
  private Repository app;
  private StateRepository repository;
  private SourceCache sources;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() throws Exception {
    state = GitFixtures.bare(tmp.resolve("state.git"));
    app = GitFixtures.bare(tmp.resolve("app.git"));
    GitFixtures.commit(app, "main", "app", Map.of("Dockerfile", "FROM node:22-bookworm-slim\n"));
    GitFixtures.commit(
        state,
        "main",
        "catalog",
        Map.of(
            "images.yaml",
            "images:\n  - name: app\n    registry: ghcr.io\n    repository: acme/app\n"
                + "    source:\n      repo: file://"
                + tmp.resolve("app.git").toAbsolutePath()
                + "\n      dockerfile: Dockerfile\n"));
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
        StateRepoWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new CatalogActivitiesImpl(repository, sources),
        new DockerfileActivitiesImpl(sources, repository, () -> {}),
        new StateRepoActivitiesImpl(repository),
        new StateRepoClientActivitiesImpl(client),
        new EntityActivitiesImpl(client, new StateRepositorySetups(repository)),
        new ArgoCdActivitiesImpl(
            Optional.of(new ArgoCdStatusReader(kubernetes)),
            new AwaitSyncRequest("image-factory-kargo", "argocd", null, Duration.ofSeconds(2)),
            Duration.ofMillis(100),
            repository::includes),
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
  }

  private EnrollmentResult enroll(String reason) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            EnrollmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.ENROLLMENT)
                .setTaskQueue(TaskQueues.MAIN)
                .build())
        .run(EnrollmentRequest.of(reason));
  }

  /** The Application as Argo CD's controller leaves it: synced and healthy at {@code revision}. */
  private void argoCdAt(String revision) {
    String yaml =
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
            + "  name: image-factory-kargo\n  namespace: argocd\n"
            + "spec:\n  source:\n    path: dist\n"
            + "status:\n  sync:\n    status: Synced\n    revision: "
            + revision
            + "\n"
            + "  health:\n    status: Healthy\n"
            + "  operationState:\n    phase: Succeeded\n    message: synced\n"
            + "    syncResult:\n      revision: "
            + revision
            + "\n";
    GenericKubernetesResource application =
        kubernetes.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    kubernetes
        .genericKubernetesResources(APPLICATIONS)
        .inNamespace("argocd")
        .resource(application)
        .createOr(existing -> existing.update());
  }

  private Boolean watched() throws Exception {
    String path = "base-images/" + BASE + ".yaml";
    return new StateFileStore()
        .readBaseImage(path, GitFixtures.read(state, "main", path).getBytes(StandardCharsets.UTF_8))
        .watched();
  }

  @Test
  void aLaterUnchangedEnrollmentMarksTheBasesATimedOutWaitLeftUnwatched() throws Exception {
    argoCdAt(UNRELATED);

    EnrollmentResult first = enroll("first");

    assertThat(first.committed()).isTrue();
    assertThat(first.deployment()).contains("TIMED_OUT");
    assertThat(watched()).as("never seen deployed").isNotEqualTo(Boolean.TRUE);
    ObjectId tip = state.resolve("refs/heads/main");
    argoCdAt(tip.name());

    EnrollmentResult second = enroll("second");

    assertThat(second.committed()).as("nothing in images.yaml or dist/ changed").isFalse();
    assertThat(second.deployment()).contains("SYNCED");
    assertThat(watched()).isTrue();
    assertThat(GitFixtures.commitsSince(state, "main", tip))
        .as("one commit: the bases marked watched")
        .isEqualTo(1);

    EnrollmentResult third = enroll("third");

    assertThat(third.deployment()).isEqualTo("nothing to deploy");
  }
}
