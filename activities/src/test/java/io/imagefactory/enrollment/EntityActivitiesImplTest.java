package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageRuntime;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoClientActivities;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EntityActivitiesImplTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EntityActivitiesImpl entities;

  @BeforeEach
  void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(
        ImageWorkflowImpl.class, BaseImageWorkflowImpl.class);
    worker.registerActivitiesImplementations(new AcceptingActivities());
    env.start();
    client = env.getWorkflowClient();
    entities = new EntityActivitiesImpl(client);
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void startsOneWorkflowPerImageAndBaseFromTheirSetup() {
    entities.ensureEntities(
        List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));

    assertThat(imageStub("api").status().config()).isEqualTo(image("api", "node-22"));
    assertThat(baseStub("node-22").status().state().dependents()).containsExactly("api");
  }

  @Test
  void reconfiguresARunningWorkflowInsteadOfStartingAnother() {
    entities.ensureEntities(
        List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));
    String imageRun = runId(WorkflowIds.image("api"));
    String baseRun = runId(WorkflowIds.base("node-22"));

    entities.ensureEntities(
        List.of(setup(image("api", "node-24"))), List.of(base("node-22", "api", "web")));

    assertThat(runId(WorkflowIds.image("api"))).isEqualTo(imageRun);
    assertThat(runId(WorkflowIds.base("node-22"))).isEqualTo(baseRun);
    assertThat(imageStub("api").status().config().baseImages()).containsExactly("node-24");
    assertThat(baseStub("node-22").status().state().dependents()).containsExactly("api", "web");
  }

  @Test
  void retiringEndsTheWorkflowsAndIsIdempotent() {
    entities.ensureEntities(
        List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));

    entities.retireEntities(List.of("api"), List.of("node-22"));
    WorkflowStub.fromTyped(imageStub("api")).getResult(Void.class);
    WorkflowStub.fromTyped(baseStub("node-22")).getResult(Void.class);
    entities.retireEntities(List.of("api", "never-enrolled"), List.of("node-22"));

    assertThat(status(WorkflowIds.image("api")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(status(WorkflowIds.base("node-22")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void reEnrollingARetiredImageStartsANewRun() {
    entities.ensureEntities(List.of(setup(image("api", "node-22"))), List.of());
    String firstRun = runId(WorkflowIds.image("api"));
    entities.retireEntities(List.of("api"), List.of());
    WorkflowStub.fromTyped(imageStub("api")).getResult(Void.class);

    entities.ensureEntities(List.of(setup(image("api", "node-22"))), List.of());

    assertThat(runId(WorkflowIds.image("api"))).isNotEqualTo(firstRun);
    assertThat(status(WorkflowIds.image("api")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void oneFailingEntityNeitherStopsTheOthersNorGoesUnreported() {
    WorkflowClient unavailableForApi = spy(client);
    doThrow(new IllegalStateException("namespace rate limit exceeded"))
        .when(unavailableForApi)
        .newWorkflowStub(
            eq(ImageWorkflow.class),
            argThat((WorkflowOptions o) -> o.getWorkflowId().equals(WorkflowIds.image("api"))));
    EntityActivitiesImpl flaky = new EntityActivitiesImpl(unavailableForApi);

    assertThatThrownBy(
            () ->
                flaky.ensureEntities(
                    List.of(setup(image("api", "node-22")), setup(image("web", "node-22"))),
                    List.of(base("node-22", "api", "web"))))
        .hasMessageContaining("could not ensure 1 entity workflow(s)")
        .hasMessageContaining("image/api (namespace rate limit exceeded)");

    assertThat(imageStub("web").status().config().name()).isEqualTo("web");
    assertThat(baseStub("node-22").status().state().dependents()).containsExactly("api", "web");
  }

  private ImageWorkflow imageStub(String name) {
    return client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image(name));
  }

  private BaseImageWorkflow baseStub(String name) {
    return client.newWorkflowStub(BaseImageWorkflow.class, WorkflowIds.base(name));
  }

  private String runId(String workflowId) {
    return describe(workflowId).getWorkflowExecutionInfo().getExecution().getRunId();
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return describe(workflowId).getWorkflowExecutionInfo().getStatus();
  }

  private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describe(
      String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(
                    io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                        .setWorkflowId(workflowId))
                .build());
  }

  private static ImageConfig image(String name, String base) {
    return new ImageConfig(
        name,
        ImageKind.MANAGED,
        Duration.ofDays(7),
        true,
        List.of(base),
        List.of(),
        List.of(),
        null, java.util.Map.of(), false,
        List.of());
  }

  private static ImageSetup setup(ImageConfig config) {
    return new ImageSetup(config, ImageRuntime.empty());
  }

  private static BaseSetup base(String name, String... dependents) {
    return new BaseSetup(
        name, "docker.io/library/node", "22", List.of(dependents), null, null, List.of(), 0);
  }

  /** The entity workflows' own activities: state changes go nowhere, no rebuild is made. */
  static final class AcceptingActivities implements StateRepoClientActivities, RebuildActivities {

    @Override
    public void deliver(StateChangeBatch batch) {}

    @Override
    public void acknowledge(List<Acknowledgement> acknowledgements) {}

    @Override
    public RebuildDispatch dispatchRebuild(RebuildRequest request) {
      throw new AssertionError("no rebuild expected, got " + request);
    }

    @Override
    public RunConclusion awaitRun(RunRef run) {
      throw new AssertionError("no run to follow, got " + run);
    }
  }
}
