package io.imagefactory.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;

/**
 * One rebuild of a managed image: why and when it was asked for, on which base digests, and how it
 * went.
 *
 * @param id the rebuild's id, {@code <image>#<n>} (added)
 * @param requestedAt when the dispatch was made (or recorded)
 * @param trigger {@code timer}, {@code approval} or {@code now}
 * @param baseDigests base-image name to the digest the rebuild was for
 * @param runUrl the GitHub Actions run, when known
 * @param outcome {@code recorded} (no GitHub credentials: logged, not sent), {@code dispatched},
 *     {@code succeeded}, {@code failed}, or {@code built} once a new build of the image was seen
 * @param detail a short human-readable reason, for failures
 * @param completedAt when the outcome became final
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "id",
  "requestedAt",
  "trigger",
  "baseDigests",
  "runUrl",
  "outcome",
  "detail",
  "completedAt"
})
public record RebuildRecord(
    String id,
    Instant requestedAt,
    String trigger,
    Map<String, String> baseDigests,
    String runUrl,
    String outcome,
    String detail,
    Instant completedAt) {}
