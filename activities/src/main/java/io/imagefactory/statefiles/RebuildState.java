package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code rebuildState} block of a managed image's state file. Seed 004 has {@code status} and
 * {@code pendingRebuild}; the rest is what the rebuild policy needs to survive the loss of the
 * Temporal namespace: the candidates with their first-seen times, the eligibility time of a pending
 * rebuild, and a bounded history of rebuilds.
 *
 * @param status {@code monitoring}, {@code waiting} (a candidate is maturing), {@code queued}
 *     (matured, waiting for a slot in the rebuild budget), {@code awaiting-approval}, {@code
 *     rebuilding} or {@code held} (only digests whose signature did not verify are new)
 * @param pendingRebuild true while a matured rebuild waits for approval ({@code autoRebuild:
 *     false})
 * @param eligibleAt when the earliest candidate matures, or matured
 * @param candidates base digests the image has not been rebuilt on yet
 * @param lastRebuild the most recent rebuild
 * @param history earlier rebuilds, newest first, bounded
 * @param pinnedUpdates newer digests of bases the image pins by digest: reported, never rebuilt
 * @param failedAttempts rebuilds in a row that failed
 * @param retryAt when the candidates of a failed rebuild are tried again
 * @param lastBuiltBy the rebuild whose run produced the current build, or {@code
 *     outside-image-factory} when no dispatched rebuild explains it
 * @param queuedSince when the matured rebuild started to wait for a slot in the rebuild budget
 * @param heldForSignature base digests whose signature did not verify under an {@code enforce}
 *     rule: never built, the newest per base, each with the reason in {@code unverified}
 * @param unknownFields fields this version does not know, written back unchanged
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "status",
  "pendingRebuild",
  "eligibleAt",
  "candidates",
  "lastRebuild",
  "history",
  "pinnedUpdates",
  "failedAttempts",
  "retryAt",
  "lastBuiltBy",
  "queuedSince",
  "heldForSignature"
})
public record RebuildState(
    String status,
    @JsonInclude(JsonInclude.Include.ALWAYS) boolean pendingRebuild,
    Instant eligibleAt,
    List<PendingDigest> candidates,
    RebuildEntry lastRebuild,
    List<RebuildEntry> history,
    List<PendingDigest> pinnedUpdates,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int failedAttempts,
    Instant retryAt,
    String lastBuiltBy,
    Instant queuedSince,
    List<PendingDigest> heldForSignature,
    @JsonAnySetter Map<String, Object> unknownFields) {

  public static final String MONITORING = "monitoring";

  @JsonCreator
  public RebuildState {
    candidates = StateCollections.list(candidates);
    history = StateCollections.list(history);
    pinnedUpdates = StateCollections.list(pinnedUpdates);
    heldForSignature = StateCollections.list(heldForSignature);
    unknownFields = StateCollections.fields(unknownFields);
  }

  public RebuildState(
      String status,
      boolean pendingRebuild,
      Instant eligibleAt,
      List<PendingDigest> candidates,
      RebuildEntry lastRebuild,
      List<RebuildEntry> history,
      List<PendingDigest> pinnedUpdates) {
    this(
        status,
        pendingRebuild,
        eligibleAt,
        candidates,
        lastRebuild,
        history,
        pinnedUpdates,
        0,
        null,
        null,
        null,
        List.of(),
        Map.of());
  }

  /** The state of an image with nothing to rebuild. */
  public static RebuildState monitoring() {
    return new RebuildState(MONITORING, false, null, List.of(), null, List.of(), List.of());
  }

  @Override
  @JsonAnyGetter
  public Map<String, Object> unknownFields() {
    return unknownFields;
  }
}
