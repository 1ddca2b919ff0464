package io.imagefactory.enrollment;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, configures and ends the entity workflows through the Temporal client. Each entity is
 * handled on its own: one that fails does not keep the others from being started or retired, and
 * the activity then fails naming every entity that failed, so Temporal retries it (it is
 * idempotent).
 */
public final class EntityActivitiesImpl implements EntityActivities {

  private static final Logger log = LoggerFactory.getLogger(EntityActivitiesImpl.class);

  private final WorkflowClient client;
  private final EnrollmentRequester enrollments;

  public EntityActivitiesImpl(WorkflowClient client) {
    this.client = client;
    this.enrollments = new EnrollmentRequester(client);
  }

  @Override
  public void ensureEntities(List<ImageSetup> images, List<BaseSetup> bases) {
    List<String> failed = new ArrayList<>();
    // Images first, so a base's first fan-out finds its dependents running.
    for (ImageSetup image : images) {
      each(WorkflowIds.image(image.config().name()), failed, this::ensureImage, image);
    }
    for (BaseSetup base : bases) {
      each(WorkflowIds.base(base.name()), failed, this::ensureBase, base);
    }
    failIfAny("ensure", failed);
  }

  /** A running workflow gets the configuration; a missing one is started from the setup. */
  private void ensureImage(String id, ImageSetup setup) {
    ImageWorkflow stub = client.newWorkflowStub(ImageWorkflow.class, startOptions(id));
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(stub::run, setup);
    batch.add(stub::configure, setup.config());
    client.signalWithStart(batch);
  }

  private void ensureBase(String id, BaseSetup setup) {
    BaseImageWorkflow stub = client.newWorkflowStub(BaseImageWorkflow.class, startOptions(id));
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(stub::run, setup);
    batch.add(stub::configure, setup);
    client.signalWithStart(batch);
  }

  @Override
  public void retireEntities(List<String> images, List<String> bases) {
    List<String> failed = new ArrayList<>();
    for (String image : images) {
      each(WorkflowIds.image(image), failed, this::unenrollImage, image);
    }
    for (String base : bases) {
      each(WorkflowIds.base(base), failed, this::retireBase, base);
    }
    failIfAny("retire", failed);
  }

  // A workflow that has already ended is retired: that is what was asked.
  private void unenrollImage(String id, String name) {
    try {
      client.newWorkflowStub(ImageWorkflow.class, id).unenroll();
    } catch (WorkflowNotFoundException ended) {
      log.debug("Image workflow {} already ended", id);
    }
  }

  private void retireBase(String id, String name) {
    try {
      client.newWorkflowStub(BaseImageWorkflow.class, id).retire();
    } catch (WorkflowNotFoundException ended) {
      log.debug("Base workflow {} already ended", id);
    }
  }

  @Override
  public void requestEnrollment(EnrollmentRequest request) {
    EnrollmentRequester.Outcome outcome = enrollments.request(request);
    log.info(
        "Enrollment {} ({})",
        outcome == EnrollmentRequester.Outcome.STARTED ? "started" : "queued",
        request.reason());
  }

  private static <T> void each(
      String workflowId, List<String> failed, BiConsumer<String, T> action, T entity) {
    try {
      action.accept(workflowId, entity);
    } catch (RuntimeException e) {
      log.warn("Entity workflow {}: {}", workflowId, e.toString());
      failed.add(workflowId + " (" + e.getMessage() + ")");
    }
  }

  private static void failIfAny(String verb, List<String> failed) {
    if (!failed.isEmpty()) {
      throw new IllegalStateException(
          "could not "
              + verb
              + " "
              + failed.size()
              + " entity workflow(s): "
              + String.join(", ", failed));
    }
  }

  private static WorkflowOptions startOptions(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.MAIN)
        .build();
  }
}
