package io.imagefactory.argocd;

import io.imagefactory.argocd.AwaitSyncResult.Status;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Decides from one Application status whether the wait for a revision is over, and how. */
final class SyncEvaluator {

  private static final Set<String> FAILED_PHASES = Set.of("Failed", "Error");

  private SyncEvaluator() {}

  /** The outcome, or empty while Argo CD is still on its way to the revision. */
  static Optional<AwaitSyncResult> evaluate(ApplicationStatus status, String revision) {
    return evaluate(status, revision, RevisionHistory.SAME_COMMIT);
  }

  /**
   * The outcome, or empty while Argo CD is still on its way: a synced revision that {@code history}
   * says includes {@code revision} deploys it.
   */
  static Optional<AwaitSyncResult> evaluate(
      ApplicationStatus status, String revision, RevisionHistory history) {
    boolean atRevision = contains(status.syncRevisions(), revision, history);
    String observed = status.syncRevisions().isEmpty() ? null : status.syncRevisions().get(0);
    boolean operationForRevision =
        status.operationRevisions().isEmpty()
            ? atRevision
            : contains(status.operationRevisions(), revision, history);
    if (operationForRevision
        && status.operationPhase() != null
        && FAILED_PHASES.contains(status.operationPhase())) {
      return Optional.of(
          new AwaitSyncResult(
              Status.OPERATION_FAILED,
              "sync operation "
                  + status.operationPhase().toLowerCase(Locale.ROOT)
                  + ": "
                  + orNone(status.operationMessage()),
              observed));
    }
    if (!atRevision || !"Synced".equals(status.syncStatus())) {
      return Optional.empty();
    }
    if ("Healthy".equals(status.healthStatus())) {
      return Optional.of(new AwaitSyncResult(Status.SYNCED, "synced and healthy", observed));
    }
    if ("Degraded".equals(status.healthStatus()) && !"Running".equals(status.operationPhase())) {
      return Optional.of(
          new AwaitSyncResult(
              Status.DEGRADED, "synced but degraded: " + orNone(status.healthMessage()), observed));
    }
    return Optional.empty();
  }

  /** True when one of {@code revisions} is {@code revision} or, by {@code history}, holds it. */
  static boolean contains(List<String> revisions, String revision, RevisionHistory history) {
    return revisions.stream()
        .anyMatch(r -> RevisionHistory.sameCommit(r, revision) || history.includes(r, revision));
  }

  private static String orNone(String message) {
    return message == null || message.isBlank() ? "(no message)" : message;
  }
}
