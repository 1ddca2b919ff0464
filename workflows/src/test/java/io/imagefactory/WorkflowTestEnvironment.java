package io.imagefactory;

import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.budget.RebuildBudgetWorkflowImpl;
import io.imagefactory.drift.DriftWorkflowImpl;
import io.imagefactory.enrollment.EnrollmentWorkflowImpl;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.staterepo.StateRepoWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;

/**
 * A time-skipping Temporal test server with every Image Factory workflow registered, the search
 * attributes defined, and the given activity implementations.
 */
public final class WorkflowTestEnvironment implements AutoCloseable {

  public final TestWorkflowEnvironment env;
  public final WorkflowClient client;

  public WorkflowTestEnvironment(Object... activities) {
    this(true, activities);
  }

  /**
   * An environment whose worker polls only after {@link #startWorker()}: workflows started and
   * signalled before see all those signals in their first workflow task.
   */
  public static WorkflowTestEnvironment withWorkerStopped(Object... activities) {
    return new WorkflowTestEnvironment(false, activities);
  }

  /** An environment whose clock starts at {@code start}, for calendar-dependent tests. */
  public static WorkflowTestEnvironment at(Instant start, Object... activities) {
    return new WorkflowTestEnvironment(
        true, activities, TestEnvironmentOptions.newBuilder().setInitialTime(start).build());
  }

  private WorkflowTestEnvironment(boolean startWorker, Object[] activities) {
    this(startWorker, activities, TestEnvironmentOptions.getDefaultInstance());
  }

  private WorkflowTestEnvironment(
      boolean startWorker, Object[] activities, TestEnvironmentOptions options) {
    env = TestWorkflowEnvironment.newInstance(options);
    EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(
        ImageWorkflowImpl.class,
        BaseImageWorkflowImpl.class,
        StateRepoWorkflowImpl.class,
        EnrollmentWorkflowImpl.class,
        DriftWorkflowImpl.class,
        RebuildBudgetWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    client = env.getWorkflowClient();
    if (startWorker) {
      env.start();
    }
  }

  public void startWorker() {
    env.start();
  }

  public <T> T newStub(Class<T> type, String workflowId) {
    return client.newWorkflowStub(
        type,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.MAIN)
            .setWorkflowId(workflowId)
            .build());
  }

  public <T> T existing(Class<T> type, String workflowId) {
    return client.newWorkflowStub(type, workflowId);
  }

  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  public void sleep(Duration duration) {
    env.sleep(duration);
  }

  @Override
  public void close() {
    env.close();
  }
}
