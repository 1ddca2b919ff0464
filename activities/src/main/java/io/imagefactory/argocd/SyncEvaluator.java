package io.imagefactory.argocd;

import io.imagefactory.argocd.AwaitSyncResult.Status;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Decides from one Application status whether the wait for a revision is over, and how. */
final class SyncEvaluator {

  private static final Set<String> FAILED_PHASES = Set.of("Failed", "Error");
  private static final int SHORT_SHA = 7;

  private SyncEvaluator() {}

  /** The outcome, or empty while Argo CD is still on its way to the revision. */
  static Optional<AwaitSyncResult> evaluate(ApplicationStatus status, String revision) {
    boolean atRevision = contains(status.syncRevisions(), revision);
    String observed = status.syncRevisions().isEmpty() ? null : status.syncRevisions().get(0);
    boolean operationForRevision =
        status.operationRevisions().isEmpty()
            ? atRevision
            : contains(status.operationRevisions(), revision);
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

  /** Full ids compare equal ignoring case; a short id (7+ characters) matches as a prefix. */
  static boolean contains(List<String> revisions, String revision) {
    String wanted = revision.toLowerCase(Locale.ROOT);
    return revisions.stream()
        .map(r -> r.toLowerCase(Locale.ROOT))
        .anyMatch(r -> r.equals(wanted) || (wanted.length() >= SHORT_SHA && r.startsWith(wanted)));
  }

  private static String orNone(String message) {
    return message == null || message.isBlank() ? "(no message)" : message;
  }
}
