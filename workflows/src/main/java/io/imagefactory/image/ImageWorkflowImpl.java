package io.imagefactory.image;

import io.imagefactory.FailureCauses;
import io.imagefactory.LoopTimer;
import io.imagefactory.UiSummaries;
import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetGrant;
import io.imagefactory.budget.BudgetNotice;
import io.imagefactory.budget.BudgetTicket;
import io.imagefactory.budget.RebuildBudgetClient;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.enrollment.request.EnrollmentRequestActivities;
import io.imagefactory.entity.CommandInbox;
import io.imagefactory.entity.EntityHistory;
import io.imagefactory.image.ImageCommand.Acknowledged;
import io.imagefactory.image.ImageCommand.Approve;
import io.imagefactory.image.ImageCommand.BaseScanned;
import io.imagefactory.image.ImageCommand.BaseUpdated;
import io.imagefactory.image.ImageCommand.BudgetGranted;
import io.imagefactory.image.ImageCommand.BudgetQueued;
import io.imagefactory.image.ImageCommand.Built;
import io.imagefactory.image.ImageCommand.Configure;
import io.imagefactory.image.ImageCommand.PersonRequest;
import io.imagefactory.image.ImageCommand.RebuildNow;
import io.imagefactory.image.ImageCommand.Scanned;
import io.imagefactory.image.ImageCommand.Unenroll;
import io.imagefactory.image.RebuildPolicy.RebuildSelection;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildFailures;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.ImageRuntimeChange;
import io.imagefactory.staterepo.ScanChange;
import io.imagefactory.staterepo.StateRepoOutbox;
import io.imagefactory.vulnerability.ScanSummary;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
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
 * One enrolled image. Signal and update handlers only hand a command to the inbox; the main loop
 * takes every waiting command (or wakes for the matured timer or a CI answer), applies it to the
 * state, decides with the pure rules ({@link RebuildPolicy}, {@link ImageRuntimes}, {@link
 * RebuildSchedule}), acts (dispatch a rebuild, hold it for approval, cascade a new build), records
 * what changed through the state-repo outbox, and publishes its search attributes. The dispatch and
 * the run it starts are followed beside the loop, so signals, approvals and new candidates are
 * handled while a run is in flight. Because the state file holds the candidates, their first-seen
 * times and the rebuild in flight, a restarted workflow resumes the same timer and the same run.
 * The loop never waits for a commit: a write the writer refuses or does not answer is kept and sent
 * again (the details line says the state repository is behind).
 *
 * <p>A matured automatic rebuild is dispatched only inside the image's rebuild window and with a
 * slot from the rebuild budget: outside the window a timer waits for the next opening; inside it
 * the image queues a ticket and waits, holding nothing, for the budget's grant by signal. The slot
 * is given back when the rebuild ends in any way (the run concluded or was given up on, the
 * dispatch failed or started no run to follow, a build closed it) and when the image is unenrolled.
 * A rebuild a person asks for ({@code approve}, {@code rebuild --now}) takes a slot at once,
 * whatever the limits and the window; the update answers with the rebuild once the CI has answered
 * its dispatch.
 *
 * <p>Where a {@code verify:} rule covers the image's own repository and others are built on it, a
 * new build is checked once ({@link SignatureGate}, beside the loop) and cascades with its verdict,
 * as a base's digest does; one held under {@code enforce} is checked again and cascades again when
 * it verifies.
 *
 * <p>The fast path: the image keeps the vulnerability scans its bases hand on, and whenever a scan
 * or a candidate arrives it marks again which candidates fix a vulnerability the digest they
 * replace has ({@link FastPathMarks}); a marked candidate matures after the fast-path delay, and
 * the rebuild it makes due is a {@code fast-path} one that names what it fixes. An external image
 * records the scans of its own digests and hands them on to the images built on it.
 */
public class ImageWorkflowImpl implements ImageWorkflow {

  private static final Logger log = Workflow.getLogger(ImageWorkflowImpl.class);

  /** How long the record of a requested rebuild waits for the dispatch's answer to join it. */
  static final Duration DISPATCH_RECORD_HOLD = Duration.ofSeconds(30);

  /** How long an unenrolled image waits for its rebuild slot to be handed back. */
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(20);

  private static final ActivityOptions ENROLLMENT_REQUEST =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build();

  private final CommandInbox<ImageCommand> inbox = new CommandInbox<>();
  private final StateRepoOutbox stateRepo = new StateRepoOutbox();
  private final RebuildBudgetClient budget;
  private final RebuildCalls calls = new RebuildCalls();
  private final PersonRequests requests = new PersonRequests();
  private final LoopTimer loopTimer = new LoopTimer();
  private final PublishedAttributes.Publisher publisher = new PublishedAttributes.Publisher();
  private final EntityHistory history;
  private final int continueAsNewAfter;
  private final SignatureGate signatures;

  private ImageConfig config;
  private ImageRuntime runtime;
  private ImageScans scans;
  // The runtime last handed to the outbox: a pass records only when the runtime differs from it.
  private ImageRuntime recorded;

  /** State is set before any handler runs: a signal may arrive with the start. */
  @WorkflowInit
  public ImageWorkflowImpl(ImageSetup setup) {
    config = setup.config();
    runtime = setup.runtime() == null ? ImageRuntime.empty() : setup.runtime();
    // The previous run's record was not acknowledged: this run records the runtime again.
    recorded = setup.unrecorded() ? null : runtime;
    continueAsNewAfter = setup.continueAsNewAfter();
    history = new EntityHistory(continueAsNewAfter);
    budget = new RebuildBudgetClient(setup.budget());
    signatures =
        new SignatureGate(
            "image " + config.name(),
            digest -> ImageSummaries.signatureCheck(config, digest),
            setup.heldBuild());
    scans = setup.scans() == null ? ImageScans.NONE : setup.scans();
    if (setup.unrecorded()) {
      // Recording a scan again changes nothing, so every kept one is sent rather than tracked.
      scans.own().forEach(this::recordOwnScan);
    }
  }

  @Override
  public void run(ImageSetup setup) {
    resumeRebuild();
    if (setup.cascade() != null) {
      cascadeToDependents(setup.cascade(), null);
    }
    record();
    publish();
    while (true) {
      awaitWork();
      Pass pass = take(inbox.takeAll());
      if (pass.unenrolled) {
        leave(pass.asked);
        return;
      }
      settleDispatch();
      settleRun();
      settleBudget();
      act(pass.asked);
      if (pass.cascade != null) {
        cascadeToDependents(pass.cascade, pass.cascadeReplaces);
      }
      cascade(signatures.settle(config.verify()));
      cascade(signatures.recheckHeld(config.verify(), config.repoURL()));
      announceOwnScans(pass.scans);
      record();
      stateRepo.step();
      budget.step();
      publish();
      // Answered only now, so the caller sees the recorded state and search attributes.
      requests.answer(runtime.lastRebuild(), calls.dispatching(), now());
      // Not only when idle: under a flood of signals it never is, and the history must stay
      // bounded. The runtime is carried whole, so an unacknowledged record is simply made again.
      if (history.continueAsNewDue(underWay())) {
        Workflow.continueAsNew(
            new ImageSetup(
                config,
                runtime,
                continueAsNewAfter,
                !stateRepo.idle(),
                null,
                budget.carry(),
                signatures.carry(),
                scans));
      }
    }
  }

  /** What one pass took from the inbox beyond the state it applied. */
  private static final class Pass {
    private final List<PersonRequest> asked = new ArrayList<>();
    private final List<ScanSummary> scans = new ArrayList<>();
    private ImageBuild cascade;
    private String cascadeReplaces;
    private boolean unenrolled;
  }

  /** Applies the commands in arrival order; a new command gets its case here. */
  private Pass take(List<ImageCommand> commands) {
    Pass pass = new Pass();
    for (ImageCommand command : commands) {
      if (command instanceof Configure configure) {
        reconfigure(configure.config());
      } else if (command instanceof BaseUpdated base) {
        takeBaseUpdate(base.update());
      } else if (command instanceof Built built) {
        String replaced = runtime.currentDigest();
        ImageBuild news = takeBuild(built.build());
        if (news != null) {
          pass.cascade = news;
          pass.cascadeReplaces = replaced;
        }
      } else if (command instanceof Scanned scanned) {
        takeOwnScan(scanned.summary(), pass);
      } else if (command instanceof BaseScanned scanned) {
        takeBaseScan(scanned.scan());
      } else if (command instanceof PersonRequest request) {
        pass.asked.add(request);
      } else if (command instanceof Acknowledged ack) {
        stateRepo.acknowledged(ack.acknowledgement());
      } else if (command instanceof BudgetGranted grant) {
        budget.granted(grant.grant());
      } else if (command instanceof BudgetQueued queued) {
        budget.queued(queued.notice());
      } else if (command instanceof Unenroll) {
        pass.unenrolled = true;
      }
    }
    // Whatever came in this pass (scans, candidates, a new policy), the marks follow it.
    runtime =
        ImageRuntimes.marked(runtime, scans.bases(), config.fastPath(), config.rebuildDelay());
    return pass;
  }

  /** A scan of a base's digest: kept when it is news. */
  private void takeBaseScan(BaseScan scan) {
    if (config.baseImages().contains(scan.baseImage())) {
      scans = scans.withBase(scan.baseImage(), scan.summary());
    }
  }

  /** A scan of this image's own digest: kept and recorded when it is news, to be handed on. */
  private void takeOwnScan(ScanSummary scan, Pass pass) {
    ImageScans next = scans.withOwn(scan);
    if (next != scans) {
      scans = next;
      recordOwnScan(scan);
      pass.scans.add(scan);
      log.info("image {}: scan of {} by {}", config.name(), scan.digest(), scan.scanner());
    }
  }

  private void recordOwnScan(ScanSummary scan) {
    stateRepo.put("scan/" + scan.digest(), new ScanChange(config.name(), false, scan));
  }

  /** Hands this image's new scans to the images built on it. */
  private void announceOwnScans(List<ScanSummary> taken) {
    for (ScanSummary scan : taken) {
      DependentImages.baseScanned(
          WorkflowIds.image(config.name()),
          config.dependentImages(),
          new BaseScan(config.name(), scan));
    }
  }

  /** Waits for a command, a CI answer, or the earliest thing due without one. */
  private void awaitWork() {
    Optional<Duration> untilDue =
        earliest(
            earliest(untilNextAttempt(), stateRepo.untilDue()),
            earliest(requests.untilDue(now()), signatures.untilRecheck(config.verify())));
    if (untilDue.isEmpty()) {
      Workflow.await(this::hasWork);
    } else if (untilDue.get().compareTo(Duration.ZERO) > 0) {
      loopTimer.await(untilDue.get(), timerSummary(untilDue.get()), this::hasWork);
    }
  }

  private boolean hasWork() {
    return !inbox.isEmpty()
        || stateRepo.hasWork()
        || budget.hasWork()
        || calls.answered()
        || signatures.hasWork(config.verify());
  }

  /**
   * Something that would be cut short: the dispatch (its answer would be lost), a batch or a ticket
   * being handed over, a signature check, or commands that came while the pass was cascading.
   */
  private boolean underWay() {
    return calls.dispatching()
        || signatures.checking()
        || stateRepo.delivering()
        || budget.delivering()
        || !inbox.isEmpty();
  }

  /** Unenrollment archives or removes the state file, so a record still unsent is moot. */
  private void leave(List<PersonRequest> asked) {
    calls.stopFollowing();
    budget.release("unenrolled");
    UiSummaries.await(
        RELEASE_WAIT,
        "hand " + config.name() + "'s rebuild slot back to the budget",
        () -> !budget.delivering());
    List<PersonRequest> untaken = new ArrayList<>(asked);
    for (ImageCommand late : inbox.takeAll()) {
      if (late instanceof PersonRequest request) {
        untaken.add(request);
      }
    }
    requests.leave(untaken, runtime.lastRebuild(), config.name());
    Workflow.setCurrentDetails("unenrolled");
    log.info("image {} unenrolled", config.name());
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
    if (last.inFlight() && !budget.inUse()) {
      budget.request(ticket(now(), true));
      budget.use();
    }
    if (RebuildEntry.DISPATCHING.equals(last.outcome())) {
      startDispatch(true);
    } else if (last.inFlight()) {
      calls.follow(last.run(), last);
    }
  }

  /**
   * A person's request wins over the timer, {@code rebuild --now} over {@code approve}; every
   * request of the pass is answered with the one rebuild it started.
   */
  private void act(List<PersonRequest> asked) {
    Instant now = now();
    if (asked.stream().anyMatch(RebuildNow.class::isInstance)) {
      rebuild("now", true);
    } else if (asked.stream().anyMatch(Approve.class::isInstance)) {
      rebuild("approval", false);
    } else if (dueForAutomaticRebuild(now)) {
      if (config.autoRebuild()) {
        automaticRebuild(now);
      } else {
        runtime = ImageRuntimes.awaitingApproval(runtime);
        log.info("image {}: rebuild matured, awaiting approval", config.name());
      }
    }
    requests.await(asked, now);
  }

  /**
   * A slot whose rebuild has ended is given back; a ticket not used yet is given back when the
   * rebuild is no longer due or the window has closed (it queues again at the next opening).
   */
  private void settleBudget() {
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
    }
  }

  /** Inside the window: dispatched on a granted slot, or queued for one. */
  private void automaticRebuild(Instant now) {
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
    if (!budget.granted()) {
      budget.release("replaced by a rebuild asked for by a person");
      budget.request(ticket(at, true));
    }
    budget.use();
    runtime = runtime.withQueuedSince(null);
    RebuildSelection selection =
        RebuildPolicy.select(
            runtime.pending(), config.rebuildDelay(), at, everything, config.pinsBases());
    String rebuildId = config.name() + "#" + (runtime.rebuildCount() + 1);
    List<String> fixes = FastPathRebuilds.fixes(selection.consumed(), config.rebuildDelay(), at);
    String builds = RebuildDetails.selection(config, selection, runtime.held());
    RebuildEntry entry =
        RebuildEntry.requested(rebuildId, at, trigger)
            .withSelection(selection.baseDigests(), selection.consumed())
            .withBuilds(
                config.pinsBases(),
                config.pinsBases() ? List.of() : selection.unmatured(),
                fixes.isEmpty()
                    ? builds
                    : builds + "; fast path: fixes " + String.join(", ", fixes))
            .withFastPath(fixes);
    runtime =
        ImageRuntimes.dispatching(runtime, entry, selection.remaining(), config.rebuildDelay());
    log.info("image {}: rebuild {} requested ({})", config.name(), rebuildId, trigger);
    startDispatch(false);
  }

  private void startDispatch(boolean resumed) {
    // A dispatch answers within a second or two: its record and the request's go in one batch.
    stateRepo.hold(DISPATCH_RECORD_HOLD);
    calls.dispatch(config, runtime.lastRebuild(), resumed);
  }

  private void settleDispatch() {
    Promise<RebuildDispatch> dispatch = calls.takeDispatchAnswer();
    if (dispatch == null) {
      return;
    }
    String rebuildId = runtime.lastRebuild().rebuildId();
    try {
      RebuildDispatch answer = dispatch.get();
      runtime = ImageRuntimes.dispatched(runtime, answer);
      log.info("image {}: rebuild {} {}", config.name(), rebuildId, answer.outcome());
      if (answer.run() != null) {
        calls.follow(answer.run(), runtime.lastRebuild());
      }
    } catch (ActivityFailure failure) {
      String reason = FailureCauses.of(failure);
      String outcome = isRejection(failure) ? RebuildEntry.REJECTED : RebuildEntry.FAILED;
      runtime = ImageRuntimes.failed(runtime, outcome, reason, now(), config.rebuildDelay());
      log.warn("image {}: rebuild {} {}: {}", config.name(), rebuildId, outcome, reason);
    }
    stateRepo.release();
  }

  private void settleRun() {
    Promise<RunConclusion> done = calls.takeConclusion();
    if (done == null || !runtime.rebuildInFlight()) {
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
              ? "stopped following the run after "
                  + RebuildCalls.RUN_FOLLOW_LIMIT.toDays()
                  + " days"
              : FailureCauses.of(failure);
      runtime =
          ImageRuntimes.failed(
              runtime, RebuildEntry.UNFOLLOWED, reason, now(), config.rebuildDelay());
      log.warn("image {}: rebuild {} not followed: {}", config.name(), rebuildId, reason);
    }
  }

  /**
   * @param replaces the digest the dependents are built on; null when not known
   */
  private void cascadeToDependents(ImageBuild build, String replaces) {
    BaseUpdate update =
        new BaseUpdate(config.name(), build.digest(), build.seenAt(), true).after(replaces);
    cascade(signatures.admit(update, config.verify(), config.repoURL()));
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

  /** Hands a new build, checked or not covered by a rule, to the images built on this one. */
  private void cascade(BaseUpdate update) {
    if (update != null) {
      DependentImages.baseUpdated(
          WorkflowIds.image(config.name()), config.dependentImages(), update);
    }
  }

  /**
   * The state file holds the whole runtime, so the newest replaces one not sent yet; an enrollment
   * reconfigures every image, and a runtime it did not change is not sent at all.
   */
  private void record() {
    if (!runtime.equals(recorded)) {
      stateRepo.put(config.name(), new ImageRuntimeChange(config.name(), runtime));
      recorded = runtime;
    }
  }

  private void publish() {
    publisher.publish(config, runtime);
    Workflow.setCurrentDetails(details());
  }

  private String details() {
    String behind = stateRepo.behind();
    return ImageDetails.of(config, runtime, now(), budgetWait())
        + signatures.describe()
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

  /** Says which of the loop's waits the timer is for. */
  private String timerSummary(Duration wait) {
    Instant due = now().plus(wait);
    if (untilNextAttempt().filter(wait::equals).isPresent()) {
      return ImageSummaries.rebuildTimer(config, runtime, due);
    }
    if (requests.untilDue(now()).filter(wait::equals).isPresent()) {
      return "wait for the CI's answer to the rebuild of " + config.name();
    }
    if (signatures.untilRecheck(config.verify()).filter(wait::equals).isPresent()) {
      return "check the signature of " + config.name() + "'s held build again at " + due;
    }
    return ImageSummaries.recordTimer(config, due);
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) <= 0 ? a : b;
  }

  /**
   * How long until the loop must look again without a signal: the next maturity, the window's next
   * opening (or, while queued, its closing), a re-send of the waiting ticket; empty when only a
   * signal can change anything.
   */
  private Optional<Duration> untilNextAttempt() {
    if (!rebuildable() || runtime.awaitingApproval()) {
      return Optional.empty();
    }
    Instant now = now();
    Optional<Instant> due = ImageRuntimes.nextAttempt(runtime, config.rebuildDelay());
    if (due.isEmpty() || due.get().isAfter(now) || !config.autoRebuild()) {
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
          resend,
          Optional.of(Duration.between(now, RebuildSchedule.windowClosesAfter(config, now))));
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

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static boolean isRejection(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure application
        && RebuildFailures.REJECTED.equals(application.getType());
  }

  private void reconfigure(ImageConfig newConfig) {
    // A changed rule may pass the held build now: it is checked at once.
    signatures.ruleChanged(config.verify(), newConfig.verify());
    runtime = ImageRuntimes.withConfig(runtime, config, newConfig);
    config = newConfig;
    scans = scans.retainBases(newConfig.baseImages());
  }

  private void takeBaseUpdate(BaseUpdate update) {
    if (config.dependentImages().contains(update.baseImage())) {
      // Enrollment refuses cycles; this guard keeps a stale configuration from looping rebuilds.
      log.warn(
          "image {} ignores {}: dependency cycle ({} is also built on {})",
          config.name(),
          update.baseImage(),
          update.baseImage(),
          config.name());
    } else if (!config.baseImages().contains(update.baseImage())) {
      log.info("image {} ignores {}: not one of its bases", config.name(), update.baseImage());
    } else if (config.pinnedBaseImages().contains(update.baseImage())) {
      runtime = ImageRuntimes.pinnedUpdate(runtime, update);
    } else {
      runtime = ImageRuntimes.candidate(runtime, update, config.rebuildDelay(), now());
    }
  }

  /** Takes a new build of the image; returns it when it is news for the dependents, else null. */
  private ImageBuild takeBuild(ImageBuild build) {
    if (build.digest().equals(runtime.currentDigest())) {
      return null;
    }
    Instant seenAt = build.seenAt() == null ? now() : build.seenAt();
    if (runtime.lastBuilt() != null && seenAt.isBefore(runtime.lastBuilt())) {
      // Received before the current build, delivered after it: the current digest never regresses.
      log.info(
          "image {} ignores build {}: older than its current one", config.name(), build.digest());
      return null;
    }
    ImageBuild seen = new ImageBuild(build.digest(), build.tag(), seenAt);
    boolean baseline = runtime.currentDigest() == null;
    boolean closesRebuild = runtime.rebuildInFlight();
    runtime = ImageRuntimes.built(runtime, seen);
    if (closesRebuild && !runtime.rebuildInFlight()) {
      // The build is here: its run has done what it was for.
      calls.stopFollowing();
    }
    return baseline ? null : seen;
  }

  @Override
  public void configure(ImageConfig newConfig) {
    inbox.add(new Configure(newConfig));
  }

  @Override
  public void baseUpdated(BaseUpdate update) {
    inbox.add(new BaseUpdated(update));
  }

  @Override
  public void built(ImageBuild build) {
    inbox.add(new Built(build));
  }

  @Override
  public void scanned(ScanSummary summary) {
    if (summary != null) {
      inbox.add(new Scanned(summary));
    }
  }

  @Override
  public void baseScanned(BaseScan scan) {
    if (scan != null && scan.summary() != null) {
      inbox.add(new BaseScanned(scan));
    }
  }

  @Override
  public void acknowledged(Acknowledgement acknowledgement) {
    inbox.add(new Acknowledged(acknowledgement));
  }

  @Override
  public void budgetGranted(BudgetGrant grant) {
    inbox.add(new BudgetGranted(grant));
  }

  @Override
  public void budgetQueued(BudgetNotice notice) {
    inbox.add(new BudgetQueued(notice));
  }

  @Override
  public void unenroll() {
    inbox.add(new Unenroll());
  }

  @Override
  public RebuildEntry approve(String by) {
    Approve request = new Approve(by, Workflow.newPromise());
    inbox.add(request);
    return request.answer().get();
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
    RebuildNow request = new RebuildNow(by, Workflow.newPromise());
    inbox.add(request);
    return request.answer().get();
  }

  @Override
  public void validateRebuildNow(String by) {
    if (config.kind() != ImageKind.MANAGED) {
      throw new IllegalStateException(
          "image " + config.name() + " is external: Image Factory does not build it");
    }
    if (inbox.holds(Unenroll.class)) {
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
