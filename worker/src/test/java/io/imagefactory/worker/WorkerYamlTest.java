package io.imagefactory.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.TaskQueues;
import io.temporal.workflow.WorkflowInterface;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;

/** The worker wiring in {@code application.yaml}, against the code it names. */
class WorkerYamlTest {

  @Test
  void theWorkerPollsTheTaskQueueTheWorkflowsUse() {
    String queue =
        ApplicationYaml.binder().bind("spring.temporal.workers[0].task-queue", String.class).get();

    assertThat(queue).isEqualTo(TaskQueues.MAIN);
    assertThat(
            ApplicationYaml.binder()
                .bind("spring.temporal.workers[1]", Bindable.mapOf(String.class, Object.class))
                .isBound())
        .as("one worker polls one queue")
        .isFalse();
  }

  @Test
  void everyWorkflowImplementationIsRegistered() throws Exception {
    List<String> classes =
        ApplicationYaml.binder()
            .bind("spring.temporal.workers[0].workflow-classes", Bindable.listOf(String.class))
            .get();

    assertThat(classes)
        .containsExactlyInAnyOrder(
            "io.imagefactory.enrollment.EnrollmentWorkflowImpl",
            "io.imagefactory.image.ImageWorkflowImpl",
            "io.imagefactory.base.BaseImageWorkflowImpl",
            "io.imagefactory.staterepo.StateRepoWorkflowImpl",
            "io.imagefactory.drift.DriftWorkflowImpl",
            "io.imagefactory.budget.RebuildBudgetWorkflowImpl");
    for (String name : classes) {
      Class<?> type = Class.forName(name);
      assertThat(Arrays.stream(type.getInterfaces()))
          .as(name + " implements a workflow interface")
          .anyMatch(i -> i.isAnnotationPresent(WorkflowInterface.class));
    }
  }

  @Test
  void noTemporalTargetIsConfiguredSoTheEmbeddedDefaultApplies() {
    assertThat(
            ApplicationYaml.binder()
                .bind("spring.temporal.connection.target", String.class)
                .isBound())
        .isFalse();
    assertThat(
            ApplicationYaml.binder().bind("image-factory.state-repo.url", String.class).isBound())
        .isFalse();
  }
}
