package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageSummaries;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoClientActivities;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EntityActivitiesImplTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final FakeSetups setups = new FakeSetups();
  private EntityActivitiesImpl entities;
  private int commits;

  /** State files by commit, the last one written being the tip. */
  static final class FakeSetups implements EntitySetupSource {
    final Map<String, EntityPlan> commits = new HashMap<>();
    volatile String tip;

    @Override
    public Setups tip() {
      return new Setups(tip, commits.get(tip));
    }

    @Override
    public Optional<EntityPlan> at(String commitId) {
      return Optional.ofNullable(commits.get(commitId));
    }
  }

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
    entities = new EntityActivitiesImpl(client, setups);
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  /** Commits a state with these setups; returns its commit id. */
  private String commit(List<ImageSetup> images, List<BaseSetup> bases) {
    String id = "c" + ++commits;
    setups.commits.put(id, new EntityPlan(images, bases, List.of()));
    setups.tip = id;
    return id;
  }

  private EntitiesEnsured ensure(EntityActivitiesImpl activities, String previous) {
    return activities.ensureEntities(new EnsureEntitiesRequest(previous, setups.tip, false));
  }

  private EntitiesEnsured ensure(String previous) {
    return ensure(entities, previous);
  }

  /**
   * The Temporal UI's first line of each entity: its static summary and details, taken from the
   * start request the client sends. The Java test server drops the user metadata of a
   * signal-with-start (a real server keeps it on the started event), so the request is read.
   */
  @Test
  void startsEachEntityWithTheStaticSummaryAndDetailsAnOperatorReads() {
    Map<String, WorkflowOptions> started = new ConcurrentHashMap<>();
    WorkflowClient capturing =
        WorkflowClient.newInstance(
            env.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder()
                .setNamespace(env.getNamespace())
                .setInterceptors(
                    new WorkflowClientInterceptorBase() {
                      @Override
                      public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
                          WorkflowClientCallsInterceptor next) {
                        return new WorkflowClientCallsInterceptorBase(next) {
                          @Override
                          public WorkflowSignalWithStartOutput signalWithStart(
                              WorkflowSignalWithStartInput input) {
                            started.put(
                                input.getWorkflowStartInput().getWorkflowId(),
                                input.getWorkflowStartInput().getOptions());
                            return super.signalWithStart(input);
                          }
                        };
                      }
                    })
                .build());
    commit(List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));

    new EntityActivitiesImpl(capturing, setups)
        .ensureEntities(new EnsureEntitiesRequest(null, setups.tip, false));

    WorkflowOptions image = started.get("image/api");
    WorkflowOptions base = started.get("base/node-22");
    assertThat(image.getStaticSummary())
        .isEqualTo(ImageSummaries.workflow(image("api", "node-22")))
        .startsWith("managed image api: rebuilt ");
    assertThat(image.getStaticDetails()).startsWith("bases: node-22\n");
    assertThat(base.getStaticSummary())
        .startsWith("base image ")
        .endsWith(": fans new digests out to its dependents");
    assertThat(base.getStaticDetails()).isEqualTo("dependents at start: api");
  }

  @Test
  void startsOneWorkflowPerImageAndBaseFromTheirSetup() {
    commit(List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));

    EntitiesEnsured ensured = ensure(null);

    assertThat(imageStub("api").status().config()).isEqualTo(image("api", "node-22"));
    assertThat(baseStub("node-22").status().state().dependents()).containsExactly("api");
    assertThat(ensured.started()).isEqualTo(2);
    assertThat(ensured.images()).containsExactly("api");
    assertThat(ensured.bases()).containsExactly("node-22");
  }

  @Test
  void reconfiguresARunningWorkflowInsteadOfStartingAnother() {
    String first = commit(List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));
    ensure(null);
    String imageRun = runId(WorkflowIds.image("api"));
    String baseRun = runId(WorkflowIds.base("node-22"));

    commit(List.of(setup(image("api", "node-24"))), List.of(base("node-22", "api", "web")));
    EntitiesEnsured ensured = ensure(first);

    assertThat(runId(WorkflowIds.image("api"))).isEqualTo(imageRun);
    assertThat(runId(WorkflowIds.base("node-22"))).isEqualTo(baseRun);
    assertThat(imageStub("api").status().config().baseImages()).containsExactly("node-24");
    assertThat(baseStub("node-22").status().state().dependents()).containsExactly("api", "web");
    assertThat(ensured.reconfigured()).isEqualTo(2);
    assertThat(ensured.started()).isZero();
  }

  @Test
  void anUnchangedEnrollmentCallsNoEntity() {
    String tip =
        commit(
            List.of(setup(image("api", "node-22")), setup(image("web", "node-22"))),
            List.of(base("node-22", "api", "web")));
    ensure(null);
    WorkflowClient watched = spy(client);

    EntitiesEnsured ensured = ensure(new EntityActivitiesImpl(watched, setups), tip);

    verify(watched, never()).signalWithStart(any());
    verify(watched, never()).newWorkflowStub(eq(ImageWorkflow.class), any(WorkflowOptions.class));
    assertThat(ensured.unchanged()).isEqualTo(3);
    assertThat(ensured.started() + ensured.reconfigured()).isZero();
  }

  @Test
  void onlyTheImageWhoseSetupChangedIsSignalled() {
    String first =
        commit(
            List.of(setup(image("api", "node-22")), setup(image("web", "node-22"))),
            List.of(base("node-22", "api", "web")));
    ensure(null);
    // The base's digest is runtime state the running workflow owns: no reason to call it.
    BaseSetup seen =
        new BaseSetup(
            "node-22",
            "docker.io/library/node",
            "22",
            List.of("api", "web"),
            "sha256:" + "1".repeat(64),
            null,
            List.of(),
            0,
            null,
            null,
            List.of());
    commit(List.of(setup(image("api", "node-22")), setup(image("web", "node-24"))), List.of(seen));
    WorkflowClient watched = spy(client);

    EntitiesEnsured ensured = ensure(new EntityActivitiesImpl(watched, setups), first);

    verify(watched, times(1)).signalWithStart(any());
    assertThat(imageStub("web").status().config().baseImages()).containsExactly("node-24");
    assertThat(ensured.reconfigured()).isEqualTo(1);
    assertThat(ensured.unchanged()).isEqualTo(2);
    assertThat(ensured.updatedImages())
        .as("reported updated, not unchanged")
        .containsExactly("web");
    assertThat(ensured.startedImages()).isEmpty();
  }

  @Test
  void anEntityThatIsNotRunningIsStartedThoughItsSetupDidNotChange() {
    String tip = commit(List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));
    ensure(null);
    WorkflowStub.fromTyped(imageStub("api")).terminate("lost");

    EntitiesEnsured ensured = ensure(tip);

    assertThat(status(WorkflowIds.image("api")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(ensured.started()).isEqualTo(1);
    assertThat(ensured.unchanged()).isEqualTo(1);
    assertThat(ensured.startedImages()).containsExactly("api");
    assertThat(ensured.updatedImages()).isEmpty();
  }

  @Test
  void withoutTheEarlierStateEveryEntityIsReconfigured() {
    commit(List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));
    ensure(null);
    WorkflowClient watched = spy(client);

    EntitiesEnsured ensured =
        ensure(new EntityActivitiesImpl(watched, setups), "force-pushed-away");

    verify(watched, times(2)).signalWithStart(any());
    assertThat(ensured.reconfigured()).isEqualTo(2);
    assertThat(ensured.updatedImages()).as("not known to have changed").isEmpty();
  }

  @Test
  void startsAFleetAFewAtATime() {
    List<ImageSetup> images = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      images.add(setup(image("app-" + i, "node-22")));
    }
    commit(images, List.of(base("node-22", "app-0")));

    EntitiesEnsured ensured = ensure(null);

    assertThat(ensured.started()).isEqualTo(61);
    assertThat(imageStub("app-59").status().config().name()).isEqualTo("app-59");
  }

  @Test
  void reportsTheBuildErrorsAndUnwatchedBasesOfTheState() {
    ImageConfig invalid =
        new ImageConfig(
            "web",
            ImageKind.MANAGED,
            Duration.ofDays(7),
            true,
            List.of("node-22"),
            List.of(),
            List.of(),
            null,
            Map.of(),
            false,
            List.of("no workflow file"),
            null,
            null,
            null,
            null);
    setups.commits.put(
        "c9",
        new EntityPlan(
            List.of(setup(image("api", "node-22")), setup(invalid)),
            List.of(base("node-22", "api", "web")),
            List.of("node-22")));
    setups.tip = "c9";

    EntitiesEnsured ensured = ensure(null);

    assertThat(ensured.commitId()).isEqualTo("c9");
    assertThat(ensured.buildErrors())
        .containsExactly(Map.entry("web", List.of("no workflow file")));
    assertThat(ensured.unwatchedBases()).containsExactly("node-22");
  }

  @Test
  void retiringEndsTheWorkflowsAndIsIdempotent() {
    commit(List.of(setup(image("api", "node-22"))), List.of(base("node-22", "api")));
    ensure(null);

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
    String tip = commit(List.of(setup(image("api", "node-22"))), List.of());
    ensure(null);
    String firstRun = runId(WorkflowIds.image("api"));
    entities.retireEntities(List.of("api"), List.of());
    WorkflowStub.fromTyped(imageStub("api")).getResult(Void.class);

    ensure(tip);

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
    EntityActivitiesImpl flaky = new EntityActivitiesImpl(unavailableForApi, setups);
    commit(
        List.of(setup(image("api", "node-22")), setup(image("web", "node-22"))),
        List.of(base("node-22", "api", "web")));

    assertThatThrownBy(() -> ensure(flaky, null))
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
        null,
        Map.of(),
        false,
        List.of(),
        null,
        null,
        null,
        null);
  }

  private static ImageSetup setup(ImageConfig config) {
    return new ImageSetup(config, ImageRuntime.empty());
  }

  private static BaseSetup base(String name, String... dependents) {
    return new BaseSetup(
        name,
        "docker.io/library/node",
        "22",
        List.of(dependents),
        null,
        null,
        List.of(),
        0,
        null,
        null,
        List.of());
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
