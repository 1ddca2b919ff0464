package io.imagefactory.base;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.WorkflowIds;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.staterepo.BaseDigestChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoClientActivities;
import io.imagefactory.staterepo.StateRepoClients;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * One base image. A digest it has not seen is recorded in the state repository and handed to
 * every dependent as a rebuild candidate with the time it was first seen here, so all dependents
 * measure their delay from the same moment. The first digest is only a baseline: the dependents
 * were built on it or on an older one, and we cannot tell which.
 */
public class BaseImageWorkflowImpl implements BaseImageWorkflow {

  private static final Logger log = Workflow.getLogger(BaseImageWorkflowImpl.class);
  private static final int RECENT_DIGESTS = 20;
  private static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 2_000;

  private final StateRepoClientActivities stateRepo = StateRepoClients.newStub();

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
      Workflow.await(() -> retired || !inbox.isEmpty());
      if (retired) {
        Workflow.setCurrentDetails("retired: no dependents left");
        return;
      }
      while (!inbox.isEmpty()) {
        handle(inbox.remove(0));
      }
      Workflow.setCurrentDetails(details());
      boolean due =
          Workflow.getInfo().isContinueAsNewSuggested()
              || Workflow.getInfo().getHistoryLength() > continueAsNewAfter;
      if (due && inbox.isEmpty() && Workflow.isEveryHandlerFinished()) {
        Workflow.continueAsNew(state);
      }
    }
  }

  private void handle(DigestSeen event) {
    String digest = event.digest();
    if (digest.equals(state.currentDigest()) || state.recentDigests().contains(digest)) {
      return;
    }
    Instant seenAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    boolean baseline = state.currentDigest() == null;
    state = withDigest(state, digest, seenAt);
    // Version 1 tells the dependents before recording in git, so their timers start at once.
    boolean dependentsFirst =
        Workflow.getVersion("dependents-before-record", Workflow.DEFAULT_VERSION, 1) == 1;
    if (baseline) {
      log.info("base {}: baseline digest {}", state.name(), digest);
    } else if (dependentsFirst) {
      fanOut(digest, seenAt);
    }
    stateRepo.submit(
        new StateChangeBatch(
            WorkflowIds.base(state.name()) + "/" + Workflow.randomUUID(),
            WorkflowIds.base(state.name()),
            List.of(new BaseDigestChange(state.name(), digest, seenAt))));
    if (!baseline && !dependentsFirst) {
      fanOut(digest, seenAt);
    }
  }

  private void fanOut(String digest, Instant seenAt) {
    for (String dependent : state.dependents()) {
      try {
        Workflow.newExternalWorkflowStub(ImageWorkflow.class, WorkflowIds.image(dependent))
            .baseUpdated(new BaseUpdate(state.name(), digest, seenAt));
      } catch (RuntimeException e) {
        log.warn("base {}: cannot reach dependent {}: {}", state.name(), dependent, e.getMessage());
      }
    }
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
    return state.repoURL()
        + ":"
        + state.tag()
        + " at "
        + digest
        + "; "
        + state.dependents().size()
        + " dependent image(s)";
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
  public void retire() {
    retired = true;
  }

  @Override
  public BaseStatus status() {
    return new BaseStatus(state, details());
  }
}
