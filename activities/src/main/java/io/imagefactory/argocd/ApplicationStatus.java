package io.imagefactory.argocd;

import java.util.List;

/**
 * What an Argo CD Application reports about its deployment, read from its {@code status}.
 *
 * @param syncRevisions {@code status.sync.revision}, or {@code status.sync.revisions} for a
 *     multi-source Application
 * @param syncStatus {@code Synced}, {@code OutOfSync} or {@code Unknown}; null before the first
 *     comparison
 * @param healthStatus {@code Healthy}, {@code Progressing}, {@code Degraded}, {@code Suspended},
 *     {@code Missing} or {@code Unknown}
 * @param healthMessage Argo CD's message about the health, if any
 * @param operationPhase the phase of the last sync operation ({@code Running}, {@code Succeeded},
 *     {@code Failed}, {@code Error}, {@code Terminating}), or null when none ran
 * @param operationMessage the last operation's message
 * @param operationRevisions the revision(s) the last operation synced, or was asked to sync
 * @param conditions {@code type: message} of each condition (comparison errors and the like)
 */
record ApplicationStatus(
    List<String> syncRevisions,
    String syncStatus,
    String healthStatus,
    String healthMessage,
    String operationPhase,
    String operationMessage,
    List<String> operationRevisions,
    List<String> conditions) {

  ApplicationStatus {
    syncRevisions = List.copyOf(syncRevisions);
    operationRevisions = List.copyOf(operationRevisions);
    conditions = List.copyOf(conditions);
  }

  /**
   * One line for logs and timeouts: {@code at abc1234: OutOfSync/Progressing, operation Running}.
   */
  String summary() {
    String revisions =
        syncRevisions.isEmpty()
            ? "no revision yet"
            : "at "
                + String.join(
                    ",", syncRevisions.stream().map(ApplicationStatus::shortSha).toList());
    String line = revisions + ": " + syncStatus + "/" + healthStatus;
    if (operationPhase != null) {
      line += ", operation " + operationPhase;
    }
    return line;
  }

  static String shortSha(String revision) {
    return revision.length() > 12 ? revision.substring(0, 12) : revision;
  }
}
