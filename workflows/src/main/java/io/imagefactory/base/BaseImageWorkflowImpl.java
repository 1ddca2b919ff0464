package io.imagefactory.base;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.LoopTimer;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseCommand.Acknowledged;
import io.imagefactory.base.BaseCommand.Configure;
import io.imagefactory.base.BaseCommand.DigestsSeen;
import io.imagefactory.base.BaseCommand.Retire;
import io.imagefactory.base.BaseCommand.Scanned;
import io.imagefactory.entity.CommandInbox;
import io.imagefactory.entity.EntityHistory;
import io.imagefactory.image.BaseScan;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.DependentImages;
import io.imagefactory.image.SignatureGate;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.BaseDigestChange;
import io.imagefactory.staterepo.ScanChange;
import io.imagefactory.staterepo.StateChange;
import io.imagefactory.staterepo.StateRepoOutbox;
import io.imagefactory.vulnerability.ScanRecords;
import io.imagefactory.vulnerability.ScanSummary;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * One base image. A digest it has not seen is handed to every dependent as a rebuild candidate with
 * the time the webhook received it, so all dependents measure their delay from the same moment, and
 * then recorded in the state repository. The first digest is only a baseline: the dependents were
 * built on it or on an older one, and we cannot tell which.
 *
 * <p>A burst must cost what one event costs. The loop takes its whole inbox at once: only the
 * newest digest becomes current and is fanned out, the older new ones only go to the recent
 * digests; duplicates and digests received before the current one have no effect. The fan-out runs
 * beside the loop, one at a time, and a newer digest replaces the one waiting for the next. Records
 * go through an outbox that the loop drives, so the base keeps taking events while the writer is
 * behind, and a refused record is sent again, never dropped. The workflow continues as new when its
 * history is long, whatever is still waiting: the inbox, the next fan-out and the unacknowledged
 * records go to the next run.
 *
 * <p>Where a {@code verify:} rule covers the base, a new digest's signatures are checked once,
 * here, before the fan-out, and the verdict goes with the digest to every dependent: a thousand
 * dependents cost one check. A newer digest arriving meanwhile replaces the one being checked. A
 * digest held under an {@code enforce} rule is checked again on a durable timer with backoff
 * ({@link SignatureGate}), and at once when the rule changes; when it verifies, or the rule is
 * gone, it goes out again to the dependents, which release it.
 *
 * <p>A vulnerability scan of one of its digests is kept (the newest per digest, the most recently
 * scanned digests), recorded in the state file and handed to every dependent, which decides its own
 * fast path; a digest's fan-out goes first, and the scans follow in the order they came.
 */
public class BaseImageWorkflowImpl implements BaseImageWorkflow {

  private final LoopTimer loopTimer = new LoopTimer();

  private static final Logger log = Workflow.getLogger(BaseImageWorkflowImpl.class);
  private static final int RECENT_DIGESTS = 20;
  private static final String SCAN_KEY = "scan/";

  private final StateRepoOutbox stateRepo = new StateRepoOutbox();

  private final CommandInbox<BaseCommand> inbox = new CommandInbox<>();
  private final DigestInbox digests = new DigestInbox();
  private final List<ScanSummary> scanInbox = new ArrayList<>();
  private final List<BaseScan> unannouncedScans = new ArrayList<>();
  private BaseSetup state;
  private BaseUpdate unannounced;
  private Promise<Void> fanOut;
  private final SignatureGate signatures;

  /** State is set before any handler runs: a signal may arrive with the start. */
  @WorkflowInit
  public BaseImageWorkflowImpl(BaseSetup setup) {
    state = setup.withoutCarryOver();
    BaseCarryOver carried = setup.carried();
    signatures =
        new SignatureGate(
            "base " + setup.name(),
            digest -> BaseSummaries.signatureCheck(state, digest),
            carried == null ? null : carried.held());
    if (carried != null) {
      digests.addAll(carried.inbox());
      unannounced = carried.unannounced();
      carried.unrecorded().forEach(c -> stateRepo.put(recordKey(c), c));
      scanInbox.addAll(carried.scanInbox());
      unannouncedScans.addAll(carried.unannouncedScans());
    }
  }

  @Override
  public void run(BaseSetup setup) {
    EntityHistory history = new EntityHistory(setup.continueAsNewAfter());
    Workflow.upsertTypedSearchAttributes(
        EntitySearchAttributes.IMAGE_NAME.valueSet(setup.name()),
        EntitySearchAttributes.IMAGE_KIND.valueSet("base"));
    Workflow.setCurrentDetails(details());
    while (true) {
      Optional<Duration> untilSend = stateRepo.untilDue();
      Optional<Duration> untilRecheck = signatures.untilRecheck(state.verify());
      boolean recheckFirst =
          untilRecheck.isPresent()
              && (untilSend.isEmpty() || untilRecheck.get().compareTo(untilSend.get()) < 0);
      Optional<Duration> untilDue = recheckFirst ? untilRecheck : untilSend;
      if (untilDue.isEmpty()) {
        Workflow.await(this::hasWork);
      } else if (untilDue.get().compareTo(Duration.ZERO) > 0) {
        Instant at = now().plus(untilDue.get());
        loopTimer.await(
            untilDue.get(),
            recheckFirst
                ? "check the signature of " + state.name() + "'s held digest again at " + at
                : "send " + state.name() + "'s digest record to the state-repo writer at " + at,
            this::hasWork);
      }
      boolean retired = take(inbox.takeAll());
      if (retired) {
        // Enrollment retires a base with no dependents left and removes its state file, so a
        // record still unsent has nowhere to go.
        Workflow.setCurrentDetails("retired: no dependents left");
        return;
      }
      if (history.continueAsNewDue(underWay())) {
        // Before the digests are judged: a burst keeps the history of no run long.
        Workflow.continueAsNew(state.carrying(carryOver()));
      }
      takeDigests();
      takeScans();
      toAnnounce(signatures.settle(state.verify()));
      toAnnounce(signatures.recheckHeld(state.verify(), state.repoURL()));
      announce();
      stateRepo.step();
      Workflow.setCurrentDetails(details());
    }
  }

  /**
   * Applies the commands in arrival order (a new command gets its case here); digests wait in
   * {@link DigestInbox} to be judged as one burst. Returns true when the base is retired.
   */
  private boolean take(List<BaseCommand> commands) {
    boolean retired = false;
    for (BaseCommand command : commands) {
      if (command instanceof DigestsSeen seen) {
        digests.addAll(seen.events());
      } else if (command instanceof Configure configure) {
        // A changed rule may pass the held digest now: it is checked at once.
        signatures.ruleChanged(state.verify(), configure.setup().verify());
        state = state.configuredAs(configure.setup());
      } else if (command instanceof Scanned scanned) {
        scanInbox.add(scanned.summary());
      } else if (command instanceof Acknowledged ack) {
        stateRepo.acknowledged(ack.acknowledgement());
      } else if (command instanceof Retire) {
        retired = true;
      }
    }
    return retired;
  }

  private boolean hasWork() {
    return !inbox.isEmpty()
        || !digests.isEmpty()
        || stateRepo.hasWork()
        || signatures.hasWork(state.verify())
        || !scanInbox.isEmpty()
        || ((unannounced != null || !unannouncedScans.isEmpty()) && !fanningOut());
  }

  /** A checked or released digest replaces the one waiting to fan out. */
  private void toAnnounce(BaseUpdate update) {
    if (update != null) {
      unannounced = update;
    }
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /**
   * A fan-out under way would be cut short, and a batch being delivered could be overtaken by the
   * next run's; both take a moment, and everything else is carried.
   */
  private boolean underWay() {
    return fanningOut() || signatures.checking() || stateRepo.delivering();
  }

  private BaseCarryOver carryOver() {
    return new BaseCarryOver(
        digests.waiting(),
        unannounced,
        stateRepo.unacknowledged(),
        signatures.carry(),
        scanInbox,
        unannouncedScans);
  }

  /** Digest records are kept by digest, scan records by the digest they scanned. */
  private static String recordKey(StateChange change) {
    return change instanceof ScanChange scan
        ? SCAN_KEY + scan.summary().digest()
        : ((BaseDigestChange) change).digest();
  }

  /**
   * Takes the waiting scans: each that is news (a digest not scanned yet, or a newer scan of it) is
   * kept, recorded and queued for the dependents.
   */
  private void takeScans() {
    for (ScanSummary scan : scanInbox) {
      List<ScanSummary> next = ScanRecords.add(state.scans(), scan, ScanRecords.LIMIT);
      if (next == state.scans()) {
        continue;
      }
      state = state.withScans(next);
      stateRepo.put(SCAN_KEY + scan.digest(), new ScanChange(state.name(), true, scan));
      unannouncedScans.add(new BaseScan(state.name(), scan));
      log.info(
          "base {}: scan of {} by {}: {}",
          state.name(),
          scan.digest(),
          scan.scanner(),
          scan.counts().describe());
    }
    scanInbox.clear();
  }

  /** Takes every waiting event; the newest new digest becomes current and waits to fan out. */
  private void takeDigests() {
    if (digests.isEmpty()) {
      return;
    }
    boolean fansOut = false;
    int taken = 0;
    // What the dependents are built on: the digest before the first one not fanned out yet.
    String before =
        unannounced != null
            ? unannounced.previousDigest()
            : signatures.underCheck() != null
                ? signatures.underCheck().previousDigest()
                : state.currentDigest();
    for (DigestSeen event : digests.takeAll(Instant.ofEpochMilli(Workflow.currentTimeMillis()))) {
      if (!isNew(event)) {
        continue;
      }
      // The first digest ever is the baseline; any digest after it is news for the dependents.
      fansOut |= state.currentDigest() != null;
      state = withDigest(state, event.digest(), event.receivedAt());
      // Keyed by digest and put in reception order, so the writer records them in that order and
      // the state file's history holds the older ones of a burst too.
      stateRepo.put(
          event.digest(), new BaseDigestChange(state.name(), event.digest(), event.receivedAt()));
      taken++;
    }
    // Only the newest ones can still be in the state file's bounded history.
    stateRepo.keepNewest(RECENT_DIGESTS + 1, BaseDigestChange.class);
    if (taken == 0) {
      return;
    }
    if (fansOut) {
      BaseUpdate update =
          new BaseUpdate(state.name(), state.currentDigest(), state.lastUpdated()).after(before);
      // The dependents drop a held digest for a newer one of the same base; so does the gate.
      toAnnounce(signatures.admit(update, state.verify(), state.repoURL()));
      log.info(
          "base {}: new digest {} ({} new digest(s) taken at once)",
          state.name(),
          state.currentDigest(),
          taken);
    } else {
      log.info("base {}: baseline digest {}", state.name(), state.currentDigest());
    }
  }

  /** Neither a digest it knows nor one received before the current one, which must not regress. */
  private boolean isNew(DigestSeen event) {
    String digest = event.digest();
    if (digest.equals(state.currentDigest()) || state.recentDigests().contains(digest)) {
      return false;
    }
    return state.lastUpdated() == null || !event.receivedAt().isBefore(state.lastUpdated());
  }

  /** Starts the waiting fan-out unless one is under way; it picks up the newest digest after. */
  private void announce() {
    if ((unannounced == null && unannouncedScans.isEmpty()) || fanningOut()) {
      return;
    }
    if (fanOut != null && fanOut.getFailure() != null) {
      log.warn("base {}: fan-out failed: {}", state.name(), fanOut.getFailure().getMessage());
    }
    if (unannounced == null) {
      List<BaseScan> scans = List.copyOf(unannouncedScans);
      unannouncedScans.clear();
      String from = WorkflowIds.base(state.name());
      List<String> dependents = state.dependents();
      fanOut =
          Async.procedure(
              () -> scans.forEach(scan -> DependentImages.baseScanned(from, dependents, scan)));
      return;
    }
    BaseUpdate update = unannounced;
    unannounced = null;
    fanOut =
        Async.procedure(
            DependentImages::baseUpdated,
            WorkflowIds.base(state.name()),
            state.dependents(),
            update);
  }

  private boolean fanningOut() {
    return fanOut != null && !fanOut.isCompleted();
  }

  private static BaseSetup withDigest(BaseSetup state, String digest, Instant seenAt) {
    List<String> recent = new ArrayList<>();
    if (state.currentDigest() != null) {
      recent.add(state.currentDigest());
    }
    recent.addAll(state.recentDigests());
    if (recent.size() > RECENT_DIGESTS) {
      recent = recent.subList(0, RECENT_DIGESTS);
    }
    return state.withDigest(digest, seenAt, recent);
  }

  private String details() {
    String digest = state.currentDigest() == null ? "no digest seen yet" : state.currentDigest();
    String behind = stateRepo.behind();
    return state.repoURL()
        + ":"
        + state.tag()
        + " at "
        + digest
        + "; "
        + state.dependents().size()
        + " dependent image(s)"
        + (state.scans().isEmpty() ? "" : "; scans of " + state.scans().size() + " digest(s)")
        + signatures.describe()
        + (fanningOut() || unannounced != null ? "; fanning out" : "")
        + (behind == null ? "" : "; " + behind);
  }

  @Override
  public void configure(BaseSetup setup) {
    inbox.add(new Configure(setup));
  }

  @Override
  public void digestSeen(DigestSeen event) {
    if (event != null) {
      inbox.add(new DigestsSeen(List.of(event)));
    }
  }

  @Override
  public void digestsSeen(List<DigestSeen> events) {
    if (events != null) {
      inbox.add(new DigestsSeen(events.stream().filter(Objects::nonNull).toList()));
    }
  }

  @Override
  public void acknowledged(Acknowledgement acknowledgement) {
    inbox.add(new Acknowledged(acknowledgement));
  }

  @Override
  public void scanned(ScanSummary summary) {
    if (summary != null) {
      inbox.add(new Scanned(summary));
    }
  }

  @Override
  public void retire() {
    inbox.add(new Retire());
  }

  @Override
  public BaseStatus status() {
    return new BaseStatus(state, details());
  }
}
