package io.imagefactory.base;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.WorkflowIds;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.FanOut;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.BaseDigestChange;
import io.imagefactory.staterepo.StateRepoOutbox;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * One base image. A digest it has not seen is handed to every dependent as a rebuild candidate
 * with the time it was first seen here, so all dependents measure their delay from the same
 * moment, and then recorded in the state repository. The first digest is only a baseline: the
 * dependents were built on it or on an older one, and we cannot tell which. The record goes
 * through an outbox that the main loop drives, so the base keeps taking events while the writer
 * is behind, and a refused record is sent again, never dropped.
 */
public class BaseImageWorkflowImpl implements BaseImageWorkflow {

  private static final Logger log = Workflow.getLogger(BaseImageWorkflowImpl.class);
  private static final int RECENT_DIGESTS = 20;
  private static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 2_000;

  private final StateRepoOutbox stateRepo = new StateRepoOutbox();

  private final List<DigestSeen> inbox = new ArrayList<>();
  private BaseSetup state;
  private boolean retired;

  /** State is set before any handler runs: a signal may arrive with the start. */
  @WorkflowInit
  public BaseImageWorkflowImpl(BaseSetup setup) {
    state = setup;
  }

  @Override
  public void run(BaseSetup setup) {
    int continueAsNewAfter =
        setup.continueAsNewAfter() > 0 ? setup.continueAsNewAfter() : DEFAULT_CONTINUE_AS_NEW_AFTER;
    Workflow.upsertTypedSearchAttributes(
        EntitySearchAttributes.IMAGE_NAME.valueSet(setup.name()),
        EntitySearchAttributes.IMAGE_KIND.valueSet("base"));
    Workflow.setCurrentDetails(details());
    while (true) {
      Optional<Duration> untilDue = stateRepo.untilDue();
      if (untilDue.isEmpty()) {
        Workflow.await(this::hasWork);
      } else if (untilDue.get().compareTo(Duration.ZERO) > 0) {
        Workflow.await(untilDue.get(), this::hasWork);
      }
      if (retired) {
        // Enrollment retires a base with no dependents left and removes its state file, so a
        // record still unsent has nowhere to go.
        Workflow.setCurrentDetails("retired: no dependents left");
        return;
      }
      while (!inbox.isEmpty()) {
        handle(inbox.remove(0));
      }
      stateRepo.step();
      Workflow.setCurrentDetails(details());
      boolean due =
          Workflow.getInfo().isContinueAsNewSuggested()
              || Workflow.getInfo().getHistoryLength() > continueAsNewAfter;
      // Only once git has every digest: the next run starts from the state alone.
      if (due && inbox.isEmpty() && stateRepo.idle() && Workflow.isEveryHandlerFinished()) {
        Workflow.continueAsNew(state);
      }
    }
  }

  private boolean hasWork() {
    return retired || !inbox.isEmpty() || stateRepo.hasWork();
  }

  private void handle(DigestSeen event) {
    String digest = event.digest();
    if (digest.equals(state.currentDigest()) || state.recentDigests().contains(digest)) {
      return;
    }
    Instant seenAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    boolean baseline = state.currentDigest() == null;
    state = withDigest(state, digest, seenAt);
    if (baseline) {
      log.info("base {}: baseline digest {}", state.name(), digest);
    } else {
      // The dependents hear first, so their timers start at once.
      FanOut.baseUpdated(
          WorkflowIds.base(state.name()),
          state.dependents(),
          new BaseUpdate(state.name(), digest, seenAt));
    }
    // Keyed by digest: each one is recorded, in the order seen.
    stateRepo.put(digest, new BaseDigestChange(state.name(), digest, seenAt));
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
    return new BaseSetup(
        state.name(),
        state.repoURL(),
        state.tag(),
        state.dependents(),
        digest,
        seenAt,
        recent,
        state.continueAsNewAfter());
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
        + (behind == null ? "" : "; " + behind);
  }

  @Override
  public void configure(BaseSetup setup) {
    state =
        new BaseSetup(
            state.name(),
            setup.repoURL(),
            setup.tag(),
            setup.dependents(),
            state.currentDigest(),
            state.lastUpdated(),
            state.recentDigests(),
            state.continueAsNewAfter());
    Workflow.setCurrentDetails(details());
  }

  @Override
  public void digestSeen(DigestSeen event) {
    inbox.add(event);
  }

  @Override
  public void acknowledged(Acknowledgement acknowledgement) {
    stateRepo.acknowledged(acknowledgement);
  }

  @Override
  public void retire() {
    retired = true;
  }

  @Override
  public BaseStatus status() {
    return new BaseStatus(state, details());
  }
}
