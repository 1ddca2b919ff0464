package io.imagefactory.image;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentRequest;
import io.imagefactory.enrollment.EntityActivities;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.staterepo.ImageRuntimeChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoClientActivities;
import io.imagefactory.staterepo.StateRepoClients;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * One enrolled image. Signal handlers only update state; the main loop waits for the earliest
 * candidate to mature (or for a signal), then acts: dispatch a rebuild, hold it for approval,
 * cascade a new build to dependents, and record what changed in the state repository. Because the
 * state file holds the candidates and their first-seen times, a restarted workflow resumes the
 * same timer.
 */
public class ImageWorkflowImpl implements ImageWorkflow {

  private static final Logger log = Workflow.getLogger(ImageWorkflowImpl.class);
  private static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 2_000;

  private final RebuildActivities rebuildActivities =
      Workflow.newActivityStub(
          RebuildActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(2))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(10))
                      .setMaximumInterval(Duration.ofMinutes(10))
                      .setMaximumAttempts(30)
                      .setDoNotRetry("RebuildRejected")
                      .build())
              .build());

  private final StateRepoClientActivities stateRepo = StateRepoClients.newStub();

  private final EntityActivities entities =
      Workflow.newActivityStub(
          EntityActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

  private ImageConfig config;
  private ImageRuntime runtime;
  private int continueAsNewAfter;
  private boolean dirty;
  private boolean persistNeeded;
  private boolean unenrolled;
  private String approvedBy;
  private String rebuildNowBy;
  private ImageBuild cascade;
  private PublishedAttributes published;

  /** State is set before any handler runs: a signal may arrive with the start. */
  @WorkflowInit
  public ImageWorkflowImpl(ImageSetup setup) {
    config = setup.config();
    runtime = setup.runtime() == null ? ImageRuntime.empty() : setup.runtime();
    continueAsNewAfter =
        setup.continueAsNewAfter() > 0 ? setup.continueAsNewAfter() : DEFAULT_CONTINUE_AS_NEW_AFTER;
  }

  @Override
  public void run(ImageSetup setup) {
    publish();
    while (true) {
      Optional<Duration> untilMature = untilMaturity();
      if (untilMature.isEmpty()) {
        Workflow.await(this::hasWork);
      } else if (untilMature.get().compareTo(Duration.ZERO) > 0) {
        Workflow.await(untilMature.get(), this::hasWork);
      }
      dirty = false;
      if (unenrolled) {
        Workflow.setCurrentDetails("unenrolled");
        log.info("image {} unenrolled", config.name());
        return;
      }
      act();
      if (persistNeeded) {
        persist();
      }
      publish();
      // Answered only now, so the caller sees the recorded state and search attributes.
      approvedBy = null;
      rebuildNowBy = null;
      if (dueForContinueAsNew() && !hasWork() && Workflow.isEveryHandlerFinished()) {
        Workflow.continueAsNew(new ImageSetup(config, runtime, setup.continueAsNewAfter()));
      }
    }
  }

  private void act() {
    Instant now = now();
    if (rebuildNowBy != null) {
      rebuild("now", RebuildPolicy.newestPending(runtime.pending()));
    } else if (approvedBy != null) {
      rebuild("approval", RebuildPolicy.newestPending(runtime.pending()));
    } else if (config.kind() == ImageKind.MANAGED
        && !runtime.awaitingApproval()
        && RebuildPolicy.hasMatured(runtime.pending(), config.rebuildDelay(), now)) {
      if (config.autoRebuild()) {
        rebuild("timer", RebuildPolicy.newestMatured(runtime.pending(), config.rebuildDelay(), now));
      } else {
        runtime = ImageRuntimes.awaitingApproval(runtime);
        persistNeeded = true;
        log.info("image {}: rebuild matured, awaiting approval", config.name());
      }
    }
    if (cascade != null) {
      cascadeToDependents(cascade);
      cascade = null;
    }
  }

  private void rebuild(String trigger, Map<String, String> baseDigests) {
    int number = runtime.rebuildCount() + 1;
    String rebuildId = config.name() + "#" + number;
    Instant at = now();
    RebuildEntry entry;
    try {
      RebuildDispatch dispatch =
          rebuildActivities.dispatchRebuild(
              new RebuildRequest(
                  config.name(), rebuildId, config.target(), trigger, baseDigests, Map.of(), at));
      entry =
          new RebuildEntry(
              rebuildId,
              at,
              trigger,
              baseDigests,
              runtime.pending(),
              dispatch.runUrl(),
              dispatch.outcome(),
              dispatch.detail(),
              null);
      log.info("image {}: rebuild {} {} ({})", config.name(), rebuildId, dispatch.outcome(), trigger);
    } catch (ActivityFailure failure) {
      String reason = reasonOf(failure);
      entry =
          new RebuildEntry(
              rebuildId, at, trigger, baseDigests, runtime.pending(), null, "failed", reason, now());
      log.warn("image {}: rebuild {} failed: {}", config.name(), rebuildId, reason);
    }
    runtime = ImageRuntimes.rebuilt(runtime, entry, number);
    persistNeeded = true;
  }

  private void cascadeToDependents(ImageBuild build) {
    for (String dependent : config.dependentImages()) {
      try {
        Workflow.newExternalWorkflowStub(ImageWorkflow.class, WorkflowIds.image(dependent))
            .baseUpdated(new BaseUpdate(config.name(), build.digest(), build.seenAt()));
      } catch (RuntimeException e) {
        log.warn("image {}: cannot reach dependent {}: {}", config.name(), dependent, e.getMessage());
      }
    }
    if (config.kind() == ImageKind.MANAGED) {
      entities.requestEnrollment(
          new EnrollmentRequest(
              "image " + config.name() + " rebuilt", List.of(config.name()), false));
    }
  }

  private void persist() {
    // Version 1 clears the flag before the call: a signal handled while the submit is in flight
    // sets it again, and its change is recorded on the next turn instead of being lost.
    boolean clearFirst =
        Workflow.getVersion("persist-clears-flag-first", Workflow.DEFAULT_VERSION, 1) == 1;
    if (clearFirst) {
      persistNeeded = false;
    }
    String batchId = WorkflowIds.image(config.name()) + "/" + Workflow.randomUUID();
    stateRepo.submit(
        new StateChangeBatch(
            batchId,
            WorkflowIds.image(config.name()),
            List.of(new ImageRuntimeChange(config.name(), runtime))));
    if (!clearFirst) {
      persistNeeded = false;
    }
  }

  private void publish() {
    Instant now = now();
    PublishedAttributes next = PublishedAttributes.of(config, runtime);
    if (!next.equals(published)) {
      Workflow.upsertTypedSearchAttributes(next.updates());
      published = next;
    }
    Workflow.setCurrentDetails(ImageDetails.of(config, runtime, now));
  }

  private Optional<Duration> untilMaturity() {
    if (config.kind() != ImageKind.MANAGED || runtime.awaitingApproval()) {
      return Optional.empty();
    }
    return RebuildPolicy.earliestMaturity(runtime.pending(), config.rebuildDelay())
        .map(at -> Duration.between(now(), at));
  }

  private boolean hasWork() {
    return dirty || unenrolled || approvedBy != null || rebuildNowBy != null;
  }

  private boolean dueForContinueAsNew() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > continueAsNewAfter;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static String reasonOf(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }

  @Override
  public void configure(ImageConfig newConfig) {
    config = newConfig;
    ImageRuntime next = ImageRuntimes.withConfig(runtime, newConfig);
    // Version 1 records only a real change: an enrollment reconfigures every image, and a
    // commit per image for nothing is load the writer does not need.
    if (!next.equals(runtime)
        || Workflow.getVersion("configure-records-changes-only", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      persistNeeded = true;
    }
    runtime = next;
    dirty = true;
  }

  @Override
  public void baseUpdated(BaseUpdate update) {
    if (config.dependentImages().contains(update.baseImage())) {
      // Enrollment refuses cycles; this guard keeps a stale configuration from looping rebuilds.
      log.warn(
          "image {} ignores {}: dependency cycle ({} is also built on {})",
          config.name(),
          update.baseImage(),
          update.baseImage(),
          config.name());
      return;
    }
    if (!config.baseImages().contains(update.baseImage())) {
      log.info("image {} ignores {}: not one of its bases", config.name(), update.baseImage());
      return;
    }
    ImageRuntime next =
        config.pinnedBaseImages().contains(update.baseImage())
            ? ImageRuntimes.pinnedUpdate(runtime, update)
            : ImageRuntimes.candidate(runtime, update, config.rebuildDelay());
    if (!next.equals(runtime)) {
      runtime = next;
      persistNeeded = true;
      dirty = true;
    }
  }

  @Override
  public void built(ImageBuild build) {
    if (build.digest().equals(runtime.currentDigest())) {
      return;
    }
    boolean baseline = runtime.currentDigest() == null;
    runtime = ImageRuntimes.built(runtime, build);
    if (!baseline) {
      cascade = build;
    }
    persistNeeded = true;
    dirty = true;
  }

  @Override
  public void unenroll() {
    unenrolled = true;
  }

  @Override
  public RebuildEntry approve(String by) {
    approvedBy = by;
    Workflow.await(() -> approvedBy == null);
    return runtime.lastRebuild();
  }

  @Override
  public void validateApprove(String by) {
    if (!runtime.awaitingApproval()) {
      throw new IllegalStateException(
          "image " + config.name() + " has no rebuild awaiting approval");
    }
  }

  @Override
  public RebuildEntry rebuildNow(String by) {
    rebuildNowBy = by;
    Workflow.await(() -> rebuildNowBy == null);
    return runtime.lastRebuild();
  }

  @Override
  public void validateRebuildNow(String by) {
    if (config.kind() != ImageKind.MANAGED) {
      throw new IllegalStateException(
          "image " + config.name() + " is external: Image Factory does not build it");
    }
    if (unenrolled) {
      throw new IllegalStateException("image " + config.name() + " is being unenrolled");
    }
  }

  @Override
  public ImageStatus status() {
    return new ImageStatus(config, runtime, ImageDetails.of(config, runtime, now()));
  }

  /** The search attributes as last published, so unchanged values are not upserted again. */
  private record PublishedAttributes(
      String name, String kind, List<String> bases, boolean pending, Instant eligibleAt) {

    static PublishedAttributes of(ImageConfig config, ImageRuntime runtime) {
      boolean pending = runtime.awaitingApproval() || !runtime.pending().isEmpty();
      return new PublishedAttributes(
          config.name(),
          config.kind().label(),
          config.baseImages(),
          pending,
          pending ? runtime.eligibleAt() : null);
    }

    io.temporal.common.SearchAttributeUpdate<?>[] updates() {
      return new io.temporal.common.SearchAttributeUpdate<?>[] {
        EntitySearchAttributes.IMAGE_NAME.valueSet(name),
        EntitySearchAttributes.IMAGE_KIND.valueSet(kind),
        bases.isEmpty()
            ? EntitySearchAttributes.BASE_IMAGES.valueUnset()
            : EntitySearchAttributes.BASE_IMAGES.valueSet(bases),
        EntitySearchAttributes.REBUILD_PENDING.valueSet(pending),
        eligibleAt == null
            ? EntitySearchAttributes.REBUILD_ELIGIBLE_AT.valueUnset()
            : EntitySearchAttributes.REBUILD_ELIGIBLE_AT.valueSet(
                eligibleAt.atOffset(ZoneOffset.UTC))
      };
    }
  }
}
