package io.imagefactory.enrollment;

import io.imagefactory.TaskQueues;
import io.imagefactory.UiSummaries;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.base.BaseSummaries;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.enrollment.request.EnrollmentRequestActivities;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageSummaries;
import io.imagefactory.image.ImageWorkflow;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, configures and ends the entity workflows through the Temporal client. Only the entities
 * that need it are called: one that is not running is started, one whose setup changed since the
 * enrollment's earlier state is signalled, and the rest are left alone, so an unchanged enrollment
 * makes no call per entity. The calls run a few at a time in parallel. Each entity is handled on
 * its own: one that fails does not keep the others from being started or retired, and the activity
 * then fails naming every entity that failed, so Temporal retries it (it is idempotent).
 */
public final class EntityActivitiesImpl implements EntityActivities, EnrollmentRequestActivities {

  private static final Logger log = LoggerFactory.getLogger(EntityActivitiesImpl.class);

  /** Calls in flight at once: enough to hide round trips, few enough not to flood the server. */
  static final int PARALLEL_CALLS = 16;

  private final WorkflowClient client;
  private final EntitySetupSource setups;
  private final EnrollmentRequester enrollments;

  public EntityActivitiesImpl(WorkflowClient client, EntitySetupSource setups) {
    this.client = client;
    this.setups = setups;
    this.enrollments = new EnrollmentRequester(client);
  }

  @Override
  public EntitiesEnsured ensureEntities(EnsureEntitiesRequest request) {
    EntitySetupSource.Setups tip = setups.tip();
    EntityPlan plan = tip.plan();
    // An unchanged enrollment committed nothing: the state it started from is the tip.
    Optional<EntityPlan> previous =
        request.previousCommitId() == null
            ? Optional.empty()
            : request.previousCommitId().equals(tip.commitId())
                ? Optional.of(plan)
                : setups.at(request.previousCommitId());
    EntityChanges changes =
        EntityChanges.of(plan, previous, RunningEntities.list(client), request.all());
    List<String> failed = new ArrayList<>();
    // Images first, so a base's first fan-out finds its dependents running.
    inParallel(
        changes.images(), i -> WorkflowIds.image(i.config().name()), this::ensureImage, failed);
    inParallel(changes.bases(), b -> WorkflowIds.base(b.name()), this::ensureBase, failed);
    failIfAny("ensure", failed);
    log.info(
        "Entity workflows at {}: {} started, {} reconfigured, {} unchanged",
        tip.commitId(),
        changes.started(),
        changes.reconfigured(),
        changes.unchanged());
    return EntitiesEnsured.of(
            tip.commitId(), plan, changes.started(), changes.reconfigured(), changes.unchanged())
        .withImages(changes.startedImages(), changes.updatedImages());
  }

  /** Runs {@code action} on every entity, {@link #PARALLEL_CALLS} at a time, and waits for all. */
  private static <T> void inParallel(
      List<T> entities, Function<T, String> id, BiConsumer<String, T> action, List<String> failed) {
    if (entities.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_CALLS, entities.size()));
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (T entity : entities) {
        calls.add(pool.submit(() -> each(id.apply(entity), action, entity)));
      }
      for (Future<String> call : calls) {
        String failure = call.get();
        if (failure != null) {
          failed.add(failure);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the entity workflows", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A running workflow gets the configuration; a missing one is started from the setup. */
  private void ensureImage(String id, ImageSetup setup) {
    ImageWorkflow stub =
        client.newWorkflowStub(
            ImageWorkflow.class,
            startOptions(
                id,
                ImageSummaries.workflow(setup.config()),
                ImageSummaries.details(setup.config())));
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(stub::run, setup);
    batch.add(stub::configure, setup.config());
    client.signalWithStart(batch);
  }

  private void ensureBase(String id, BaseSetup setup) {
    BaseImageWorkflow stub =
        client.newWorkflowStub(
            BaseImageWorkflow.class,
            startOptions(id, BaseSummaries.workflow(setup), BaseSummaries.details(setup)));
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(stub::run, setup);
    batch.add(stub::configure, setup);
    client.signalWithStart(batch);
  }

  @Override
  public void retireEntities(List<String> images, List<String> bases) {
    List<String> failed = new ArrayList<>();
    inParallel(images, WorkflowIds::image, this::unenrollImage, failed);
    inParallel(bases, WorkflowIds::base, this::retireBase, failed);
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

  /** Null when the call succeeded, else what failed. */
  private static <T> String each(String workflowId, BiConsumer<String, T> action, T entity) {
    try {
      action.accept(workflowId, entity);
      return null;
    } catch (RuntimeException e) {
      log.warn("Entity workflow {}: {}", workflowId, e.toString());
      return workflowId + " (" + e.getMessage() + ")";
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

  /** The summary and details are an operator's first line of the workflow in the Temporal UI. */
  private static WorkflowOptions startOptions(String workflowId, String summary, String details) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.MAIN)
        .setStaticSummary(UiSummaries.line(summary))
        .setStaticDetails(details)
        .build();
  }
}
