package io.imagefactory.image;

import io.imagefactory.LoopTimer;
import io.imagefactory.UiSummaries;
import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetGrant;
import io.imagefactory.budget.BudgetNotice;
import io.imagefactory.budget.BudgetTicket;
import io.imagefactory.budget.RebuildBudgetClient;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.enrollment.request.EnrollmentRequestActivities;
import io.imagefactory.image.RebuildPolicy.RebuildSelection;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildFailures;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.ImageRuntimeChange;
import io.imagefactory.staterepo.ScanChange;
import io.imagefactory.staterepo.StateRepoOutbox;
import io.imagefactory.vulnerability.ScanSummary;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * One enrolled image. Signal handlers only update state; the main loop waits for the next due
 * rebuild, a signal, or an answer from its CI, then acts: dispatch a rebuild, hold it for
 * approval, take a run's conclusion, cascade a new build to dependents, and record what changed in
 * the state repository. The dispatch and the run it starts are followed asynchronously, so signals,
 * approvals and new candidates are handled while a run is in flight. Because the state file holds
 * the candidates, their first-seen times and the rebuild in flight, a restarted workflow resumes
 * the same timer and the same run. What changed goes to the state repository through an outbox
 * the loop drives: the loop never waits for a commit, and a write the writer refuses or does not
 * answer is kept and sent again (the details line says the state repository is behind).
 *
 * <p>A matured automatic rebuild is dispatched only inside the image's rebuild window and with a
 * slot from the rebuild budget: outside the window a timer waits for the next opening; inside it
 * the image queues a ticket and waits, holding nothing, for the budget's grant by signal. The slot
 * is given back when the rebuild ends in any way (the run concluded or was given up on, the
 * dispatch failed or started no run to follow, a build closed it) and when the image is
 * unenrolled. A rebuild a person asks for ({@code approve}, {@code rebuild --now}) takes a slot at
 * once, whatever the limits and the window.
 *
 * <p>The fast path: the image keeps the vulnerability scans its bases hand on, and whenever a scan
 * or a candidate arrives it marks again which candidates fix a vulnerability the digest they
 * replace has ({@link FastPathMarks}); a marked candidate matures after the fast-path delay, and
 * the rebuild it makes due is a {@code fast-path} one that names what it fixes. An external image
 * records the scans of its own digests and hands them on to the images built on it.
 */
public class ImageWorkflowImpl implements ImageWorkflow {

  private static final Logger log = Workflow.getLogger(ImageWorkflowImpl.class);
  private static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 2_000;

  /** How often a run in flight is read: GitHub and GitLab runs take minutes. */
  static final Duration RUN_POLL_INTERVAL = Duration.ofMinutes(1);

  /** How long the record of a requested rebuild waits for the dispatch's answer to join it. */
  static final Duration DISPATCH_RECORD_HOLD = Duration.ofSeconds(30);

  /** The {@code Workflow.getVersion} change id of rebuild budgets and windows. */
  static final String BUDGET_CHANGE = "rebuild-budget";

  /** How long a run is followed; past it the rebuild is recorded as not followed. */
  static final Duration RUN_FOLLOW_LIMIT = Duration.ofDays(3);

  /** How long {@code approve} and {@code rebuild --now} wait to answer with the CI's reply. */
  private static final Duration DISPATCH_ANSWER_WAIT = Duration.ofSeconds(20);

  // Rate limits and outages are retried with the server's delay or backoff for a day; a refusal
  // (credentials, missing workflow, inputs) is final.
  private static final ActivityOptions DISPATCH =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(10))
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .setDoNotRetry(RebuildFailures.REJECTED)
                  .build())
          .build();

  // Temporal's infrequent-polling pattern: each attempt reads the run once, and the retry policy's
  // fixed interval is the poll loop, so no worker slot is held between reads.
  private static final ActivityOptions FOLLOW =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(RUN_FOLLOW_LIMIT)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(RUN_POLL_INTERVAL)
                  .setBackoffCoefficient(1.0)
                  .setMaximumInterval(RUN_POLL_INTERVAL)
                  .setDoNotRetry(RebuildFailures.REJECTED)
                  .build())
          .build();

  private static final ActivityOptions ENROLLMENT_REQUEST =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build();

  private final StateRepoOutbox stateRepo = new StateRepoOutbox();
  private final LoopTimer loopTimer = new LoopTimer();

  private ImageConfig config;
  private ImageRuntime runtime;
  private final int continueAsNewAfter;
  private boolean dirty;
  private boolean persistNeeded;
  private boolean unenrolled;
  private String approvedBy;
  private String rebuildNowBy;
  private ImageBuild cascade;
  private String cascadeReplaces;
  private ImageScans scans;
  private final List<ScanSummary> ownScanInbox = new ArrayList<>();
  private Promise<RebuildDispatch> dispatch;
  private Promise<RunConclusion> conclusion;
  private CancellationScope following;
  private final PublishedAttributes.Publisher publisher = new PublishedAttributes.Publisher();
  private final RebuildBudgetClient budget;
  private boolean budgeted;

  /** State is set before any handler runs: a signal may arrive with the start. */
  @WorkflowInit
  public ImageWorkflowImpl(ImageSetup setup) {
    config = setup.config();
    runtime = setup.runtime() == null ? ImageRuntime.empty() : setup.runtime();
    continueAsNewAfter =
        setup.continueAsNewAfter() > 0 ? setup.continueAsNewAfter() : DEFAULT_CONTINUE_AS_NEW_AFTER;
    // The previous run's record was not acknowledged: this run records the runtime again.
    persistNeeded = setup.unrecorded();
    cascade = setup.cascade();
    budget = new RebuildBudgetClient(setup.budget());
    scans = setup.scans() == null ? ImageScans.NONE : setup.scans();
    if (setup.unrecorded()) {
      // Recording a scan again changes nothing, so every kept one is sent rather than tracked.
      scans.own().forEach(this::recordOwnScan);
    }
  }

  @Override
  public void run(ImageSetup setup) {
    // Histories recorded before the budget and the window dispatched at maturity; they replay so.
    budgeted = Workflow.getVersion(BUDGET_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    resumeRebuild();
    publish();
    while (true) {
      Optional<Duration> untilDue = earliest(untilNextAttempt(), stateRepo.untilDue());
      if (untilDue.isEmpty()) {
        Workflow.await(this::hasWork);
      } else if (untilDue.get().compareTo(Duration.ZERO) > 0) {
        loopTimer.await(untilDue.get(), timerSummary(untilDue.get()), this::hasWork);
      }
      dirty = false;
      if (unenrolled) {
        // Unenrollment archives or removes the state file, so a record still unsent is moot.
        stopFollowing();
        if (budgeted) {
          budget.release("unenrolled");
          UiSummaries.await(
              DISPATCH_ANSWER_WAIT,
              "hand " + config.name() + "'s rebuild slot back to the budget",
              () -> !budget.delivering());
        }
        Workflow.setCurrentDetails("unenrolled");
        log.info("image {} unenrolled", config.name());
        return;
      }
      settleDispatch();
      settleRun();
      settleBudget();
      act();
      if (persistNeeded) {
        persist();
      }
      stateRepo.step();
      budget.step();
      publish();
      // Answered only now, so the caller sees the recorded state and search attributes.
      approvedBy = null;
      rebuildNowBy = null;
      // Not only when idle: under a flood of signals it never is, and the history must stay
      // bounded. The runtime is carried whole, so an unacknowledged record is simply made again;
      // a build that came in during this pass carries its cascade.
      if (dueForContinueAsNew()
          && dispatch == null
          && !unenrolled
          && !stateRepo.delivering()
          && !budget.delivering()
          && ownScanInbox.isEmpty()
          && Workflow.isEveryHandlerFinished()) {
        boolean unrecorded = persistNeeded || !stateRepo.idle();
        Workflow.continueAsNew(
            new ImageSetup(
                config,
                runtime,
                setup.continueAsNewAfter(),
                unrecorded,
                cascade,
                budget.carry(),
                scans));
      }
    }
  }

  /**
   * A rebuild that was in flight when this run started goes on where it was; restored from git, it
   * has no slot, and takes one at once so the budget counts its run.
   */
  private void resumeRebuild() {
    RebuildEntry last = runtime.lastRebuild();
    if (last == null) {
      return;
    }
    if (budgeted && last.inFlight() && !budget.inUse()) {
      budget.request(ticket(now(), true));
      budget.use();
    }
    if (RebuildEntry.DISPATCHING.equals(last.outcome())) {
      startDispatch(true);
    } else if (last.inFlight()) {
      follow(last.run());
    }
  }

  /**
   * A slot whose rebuild has ended is given back; a ticket not used yet is given back when the
   * rebuild is no longer due or the window has closed (it queues again at the next opening).
   */
  private void settleBudget() {
    if (!budgeted) {
      return;
    }
    Instant now = now();
    if (budget.inUse() && !runtime.rebuildInFlight()) {
      budget.release("rebuild " + runtime.lastRebuild().outcome());
    } else if (budget.holds() && !budget.inUse()) {
      if (!dueForAutomaticRebuild(now) || !config.autoRebuild()) {
        budget.release("no longer due");
      } else if (!config.windowOpen(now)) {
        budget.release("outside the rebuild window");
      }
    }
    if (!budget.waiting() && runtime.queuedSince() != null) {
      runtime = runtime.withQueuedSince(null);
      persistNeeded = true;
    }
  }

  private void act() {
    Instant now = now();
    if (rebuildNowBy != null) {
      rebuild("now", true);
    } else if (approvedBy != null) {
      rebuild("approval", false);
    } else if (dueForAutomaticRebuild(now)) {
      if (config.autoRebuild()) {
        automaticRebuild(now);
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
    takeOwnScans();
  }

  /** Scans of this image's own digests: kept, recorded and handed to the images built on it. */
  private void takeOwnScans() {
    if (ownScanInbox.isEmpty()) {
      return;
    }
    List<ScanSummary> taken = List.copyOf(ownScanInbox);
    ownScanInbox.clear();
    for (ScanSummary scan : taken) {
      ImageScans next = scans.withOwn(scan);
      if (next == scans) {
        continue;
      }
      scans = next;
      recordOwnScan(scan);
      FanOut.baseScanned(
          WorkflowIds.image(config.name()),
          config.dependentImages(),
          new BaseScan(config.name(), scan));
      log.info("image {}: scan of {} by {}", config.name(), scan.digest(), scan.scanner());
    }
  }

  private void recordOwnScan(ScanSummary scan) {
    stateRepo.put("scan/" + scan.digest(), new ScanChange(config.name(), false, scan));
  }

  /** Marks the candidates again for the fast path, with what the image knows now. */
  private void remark() {
    ImageRuntime next =
        ImageRuntimes.marked(runtime, scans.bases(), config.fastPath(), config.rebuildDelay());
    if (!next.equals(runtime)) {
      runtime = next;
      persistNeeded = true;
      dirty = true;
    }
  }

  /** Inside the window: dispatched on a granted slot, or queued for one. */
  private void automaticRebuild(Instant now) {
    if (!budgeted) {
      rebuild(automaticTrigger(now), false);
      return;
    }
    if (!config.windowOpen(now)) {
      return;
    }
    if (budget.granted()) {
      rebuild(automaticTrigger(now), false);
    } else if (!budget.holds()) {
      // A grant usually comes within a second: the queued record and the dispatch's go together.
      stateRepo.hold(DISPATCH_RECORD_HOLD);
      budget.request(ticket(now, false));
      runtime = runtime.withQueuedSince(now);
      persistNeeded = true;
      log.info("image {}: rebuild matured, queued for the rebuild budget", config.name());
    }
  }

  /** A new ticket; its id is unique across runs, so a released one is never mistaken for it. */
  private BudgetTicket ticket(Instant now, boolean forced) {
    Instant eligible = ImageRuntimes.nextAttempt(runtime, config.rebuildDelay()).orElse(now);
    return RebuildSchedule.ticket(
        config, config.name() + "/" + Workflow.randomUUID(), eligible, now, forced);
  }

  private boolean dueForAutomaticRebuild(Instant now) {
    return rebuildable()
        && !runtime.awaitingApproval()
        && ImageRuntimes.nextAttempt(runtime, config.rebuildDelay())
            .map(at -> !at.isAfter(now))
            .orElse(false);
  }

  private String automaticTrigger(Instant now) {
    if (runtime.failedAttempts() > 0) {
      return "retry";
    }
    List<PendingDigest> matured =
        RebuildPolicy.select(runtime.pending(), config.rebuildDelay(), now, false, true).consumed();
    if (FastPathRebuilds.any(matured, config.rebuildDelay(), now)) {
      return FastPathRebuilds.TRIGGER;
    }
    boolean allCascades = matured.stream().allMatch(PendingDigest::cascade);
    return allCascades ? "cascade" : "timer";
  }

  /** Takes the candidates this rebuild builds and asks the CI for it; the answer comes later. */
  private void rebuild(String trigger, boolean everything) {
    Instant at = now();
    if (budgeted) {
      if (!budget.granted()) {
        budget.release("replaced by a rebuild asked for by a person");
        budget.request(ticket(at, true));
      }
      budget.use();
      runtime = runtime.withQueuedSince(null);
    }
    RebuildSelection selection =
        RebuildPolicy.select(
            runtime.pending(), config.rebuildDelay(), at, everything, config.pinsBases());
    String rebuildId = config.name() + "#" + (runtime.rebuildCount() + 1);
    List<String> fixes = FastPathRebuilds.fixes(selection.consumed(), config.rebuildDelay(), at);
    String builds = RebuildDetails.selection(config, selection, runtime.held());
    if (!fixes.isEmpty()) {
      builds += "; fast path: fixes " + String.join(", ", fixes);
    }
    RebuildEntry entry =
        new RebuildEntry(
            rebuildId,
            at,
            trigger,
            selection.baseDigests(),
            selection.consumed(),
            config.pinsBases(),
            config.pinsBases() ? List.of() : selection.unmatured(),
            builds,
            RebuildEntry.DISPATCHING,
            null,
            null,
            null,
            null,
            null,
            fixes);
    runtime =
        ImageRuntimes.dispatching(runtime, entry, selection.remaining(), config.rebuildDelay());
    persistNeeded = true;
    log.info("image {}: rebuild {} requested ({})", config.name(), rebuildId, trigger);
    startDispatch(false);
  }

  private void startDispatch(boolean resumed) {
    // A dispatch answers within a second or two: its record and the request's go in one batch.
    stateRepo.hold(DISPATCH_RECORD_HOLD);
    RebuildEntry entry = runtime.lastRebuild();
    RebuildActivities dispatcher =
        UiSummaries.activities(
            RebuildActivities.class, DISPATCH, ImageSummaries.dispatch(config, entry));
    dispatch =
        Async.function(
            dispatcher::dispatchRebuild,
            new RebuildRequest(
                config.name(),
                entry.rebuildId(),
                config.target(),
                entry.trigger(),
                entry.baseDigests(),
                config.baseReferences(),
                entry.requestedAt(),
                resumed));
  }

  private void settleDispatch() {
    if (dispatch == null || !dispatch.isCompleted()) {
      return;
    }
    String rebuildId = runtime.lastRebuild().rebuildId();
    try {
      RebuildDispatch answer = dispatch.get();
      runtime = ImageRuntimes.dispatched(runtime, answer);
      log.info("image {}: rebuild {} {}", config.name(), rebuildId, answer.outcome());
      if (answer.run() != null) {
        follow(answer.run());
      }
    } catch (ActivityFailure failure) {
      String reason = reasonOf(failure);
      String outcome =
          isRejection(failure) ? RebuildEntry.REJECTED : RebuildEntry.FAILED;
      runtime = ImageRuntimes.failed(runtime, outcome, reason, now(), config.rebuildDelay());
      log.warn("image {}: rebuild {} {}: {}", config.name(), rebuildId, outcome, reason);
    }
    dispatch = null;
    stateRepo.release();
    persistNeeded = true;
  }

  private void follow(RunRef run) {
    RebuildActivities runs =
        UiSummaries.activities(
            RebuildActivities.class, FOLLOW, ImageSummaries.follow(run, runtime.lastRebuild()));
    following =
        Workflow.newCancellationScope(() -> conclusion = Async.function(runs::awaitRun, run));
    following.run();
  }

  private void settleRun() {
    if (conclusion == null || !conclusion.isCompleted()) {
      return;
    }
    Promise<RunConclusion> done = conclusion;
    conclusion = null;
    following = null;
    if (!runtime.rebuildInFlight()) {
      return;
    }
    String rebuildId = runtime.lastRebuild().rebuildId();
    try {
      RunConclusion ended = done.get();
      runtime = ImageRuntimes.concluded(runtime, ended, now(), config.rebuildDelay());
      log.info("image {}: rebuild {} run {}", config.name(), rebuildId, ended.conclusion());
    } catch (ActivityFailure failure) {
      String reason =
          failure.getCause() instanceof TimeoutFailure
              ? "stopped following the run after " + RUN_FOLLOW_LIMIT.toDays() + " days"
              : reasonOf(failure);
      runtime =
          ImageRuntimes.failed(
              runtime, RebuildEntry.UNFOLLOWED, reason, now(), config.rebuildDelay());
      log.warn("image {}: rebuild {} not followed: {}", config.name(), rebuildId, reason);
    }
    persistNeeded = true;
  }

  private void stopFollowing() {
    if (following != null) {
      following.cancel();
      following = null;
      conclusion = null;
    }
  }

  private void cascadeToDependents(ImageBuild build) {
    FanOut.baseUpdated(
        WorkflowIds.image(config.name()),
        config.dependentImages(),
        new BaseUpdate(config.name(), build.digest(), build.seenAt(), true)
            .after(cascadeReplaces));
    if (config.kind() == ImageKind.MANAGED) {
      EnrollmentRequestActivities entities =
          UiSummaries.activities(
              EnrollmentRequestActivities.class,
              ENROLLMENT_REQUEST,
              "ask for an enrollment: " + config.name() + " was rebuilt");
      entities.requestEnrollment(
          new EnrollmentRequest(
              "image " + config.name() + " rebuilt", List.of(config.name()), false));
    }
  }

  /** The state file holds the whole runtime, so the newest replaces one not sent yet. */
  private void persist() {
    persistNeeded = false;
    stateRepo.put(config.name(), new ImageRuntimeChange(config.name(), runtime));
  }

  private void publish() {
    publisher.publish(config, runtime);
    Workflow.setCurrentDetails(details());
  }

  private String details() {
    String behind = stateRepo.behind();
    return ImageDetails.of(config, runtime, now(), budgetWait())
        + (behind == null ? "" : "; " + behind);
  }

  /** Why a matured automatic rebuild is not dispatched yet: the window or the budget; or null. */
  private String budgetWait() {
    Instant now = now();
    if (!config.autoRebuild() || !dueForAutomaticRebuild(now)) {
      return null;
    }
    if (!config.windowOpen(now)) {
      return "rebuild matured; waiting for its rebuild window ("
          + config.rebuildWindow().describe()
          + "), which opens "
          + config.rebuildWindow().nextOpening(now);
    }
    return budget.describe();
  }

  /** Says which of the two waits the loop's timer is for. */
  private String timerSummary(Duration wait) {
    Instant due = now().plus(wait);
    Optional<Duration> rebuild = untilNextAttempt();
    return rebuild.isPresent() && rebuild.get().equals(wait)
        ? ImageSummaries.rebuildTimer(config, runtime, due)
        : ImageSummaries.recordTimer(config, due);
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) <= 0 ? a : b;
  }

  /**
   * How long until the loop must look again without a signal: the next maturity, the window's
   * next opening (or, while queued, its closing), a re-send of the waiting ticket; empty when only
   * a signal can change anything.
   */
  private Optional<Duration> untilNextAttempt() {
    if (!rebuildable() || runtime.awaitingApproval()) {
      return Optional.empty();
    }
    Instant now = now();
    Optional<Instant> due = ImageRuntimes.nextAttempt(runtime, config.rebuildDelay());
    if (due.isEmpty() || due.get().isAfter(now) || !config.autoRebuild() || !budgeted) {
      return due.map(at -> Duration.between(now, at));
    }
    if (!config.windowOpen(now)) {
      return Optional.of(Duration.between(now, RebuildSchedule.dispatchableFrom(config, now)));
    }
    if (budget.waiting()) {
      Optional<Duration> resend = budget.untilDue();
      if (config.rebuildWindow() == null) {
        return resend;
      }
      return earliest(
          resend, Optional.of(Duration.between(now, RebuildSchedule.windowClosesAfter(config, now))));
    }
    return Optional.of(Duration.ZERO);
  }

  /**
   * A managed image with a valid target and no rebuild in flight can start one, unless it would
   * build a digest held for its signature.
   */
  private boolean rebuildable() {
    return config.kind() == ImageKind.MANAGED
        && config.buildErrors().isEmpty()
        && !runtime.rebuildInFlight()
        && !ImageRuntimes.heldDigestWouldBeBuilt(runtime, config);
  }

  private boolean hasWork() {
    return dirty
        || persistNeeded
        || cascade != null
        || unenrolled
        || !ownScanInbox.isEmpty()
        || stateRepo.hasWork()
        || budget.hasWork()
        || approvedBy != null
        || rebuildNowBy != null
        || (dispatch != null && dispatch.isCompleted())
        || (conclusion != null && conclusion.isCompleted());
  }

  private boolean dueForContinueAsNew() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > continueAsNewAfter;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static boolean isRejection(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure application
        && RebuildFailures.REJECTED.equals(application.getType());
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
    ImageRuntime next = ImageRuntimes.withConfig(runtime, config, newConfig);
    // An enrollment reconfigures every image; a commit per image for nothing is load the writer
    // does not need.
    if (!next.equals(runtime)) {
      persistNeeded = true;
    }
    config = newConfig;
    runtime = next;
    scans = scans.retainBases(newConfig.baseImages());
    dirty = true;
    remark();
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
            : ImageRuntimes.candidate(runtime, update, config.rebuildDelay(), now());
    if (!next.equals(runtime)) {
      runtime = next;
      persistNeeded = true;
      dirty = true;
    }
    remark();
  }

  @Override
  public void scanned(ScanSummary summary) {
    if (summary != null) {
      ownScanInbox.add(summary);
      dirty = true;
    }
  }

  @Override
  public void baseScanned(BaseScan scan) {
    if (scan == null || !config.baseImages().contains(scan.baseImage())) {
      return;
    }
    ImageScans next = scans.withBase(scan.baseImage(), scan.summary());
    if (next != scans) {
      scans = next;
      dirty = true;
      remark();
    }
  }

  @Override
  public void built(ImageBuild build) {
    if (build.digest().equals(runtime.currentDigest())) {
      return;
    }
    Instant seenAt = build.seenAt() == null ? now() : build.seenAt();
    if (runtime.lastBuilt() != null && seenAt.isBefore(runtime.lastBuilt())) {
      // Received before the current build, delivered after it: the current digest never regresses.
      log.info(
          "image {} ignores build {}: older than its current one", config.name(), build.digest());
      return;
    }
    build = new ImageBuild(build.digest(), build.tag(), seenAt);
    boolean baseline = runtime.currentDigest() == null;
    String replaced = runtime.currentDigest();
    boolean closesRebuild = runtime.rebuildInFlight();
    runtime = ImageRuntimes.built(runtime, build);
    if (closesRebuild && !runtime.rebuildInFlight()) {
      // The build is here: its run has done what it was for.
      stopFollowing();
    }
    if (!baseline) {
      cascade = build;
      cascadeReplaces = replaced;
    }
    persistNeeded = true;
    dirty = true;
  }

  @Override
  public void acknowledged(Acknowledgement acknowledgement) {
    stateRepo.acknowledged(acknowledgement);
  }

  @Override
  public void budgetGranted(BudgetGrant grant) {
    budget.granted(grant);
  }

  @Override
  public void budgetQueued(BudgetNotice notice) {
    budget.queued(notice);
  }

  @Override
  public void unenroll() {
    unenrolled = true;
  }

  @Override
  public RebuildEntry approve(String by) {
    approvedBy = by;
    Workflow.await(() -> approvedBy == null);
    awaitDispatchAnswer();
    return runtime.lastRebuild();
  }

  @Override
  public void validateApprove(String by) {
    if (!runtime.awaitingApproval()) {
      throw new IllegalStateException(
          "image " + config.name() + " has no rebuild awaiting approval");
    }
    refuseWhenBlocked();
  }

  @Override
  public RebuildEntry rebuildNow(String by) {
    rebuildNowBy = by;
    Workflow.await(() -> rebuildNowBy == null);
    awaitDispatchAnswer();
    return runtime.lastRebuild();
  }

  /** The caller usually sees the CI's answer; a slow CI gets the rebuild as requested. */
  private void awaitDispatchAnswer() {
    UiSummaries.await(
        DISPATCH_ANSWER_WAIT,
        "wait for the CI's answer to the rebuild of " + config.name(),
        () -> dispatch == null);
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
    if (runtime.rebuildInFlight()) {
      RebuildEntry last = runtime.lastRebuild();
      throw new IllegalStateException(
          "rebuild "
              + last.rebuildId()
              + " of "
              + config.name()
              + " is in flight"
              + (last.runUrl() == null ? "" : " (" + last.runUrl() + ")")
              + "; wait for its run to end");
    }
    refuseWhenBlocked();
  }

  private void refuseWhenBlocked() {
    if (!config.buildErrors().isEmpty()) {
      throw new IllegalStateException(
          "the rebuild target of " + config.name() + " is invalid: " + config.buildErrors().get(0));
    }
  }

  @Override
  public ImageStatus status() {
    return new ImageStatus(config, runtime, details());
  }
}
