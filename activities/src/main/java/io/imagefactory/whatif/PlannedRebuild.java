package io.imagefactory.whatif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * One image's rebuild in a what-if: when it takes the candidate, when it matures, when its window
 * lets it ask for a slot, and when the budget dispatches it.
 *
 * @param repository {@code github.com/acme/api}: what the per-repository limit counts under
 * @param via the base it takes the candidate from: the asked-about base, or the managed image whose
 *     rebuild cascades to it
 * @param level 1 for the base's direct dependents, 2 for images built on those, …
 * @param candidateAt when the candidate is first seen
 * @param eligibleAt when the rebuild matures ({@code rebuildDelay} after the candidate)
 * @param windowOpensAt when its rebuild window next opens, where that is after {@code eligibleAt}
 * @param dispatchedAt when the budget grants the slot and the run is dispatched; null when it is
 *     not dispatched automatically (see {@code waitsFor})
 * @param runEndsAt when the run ends, with the assumed run duration
 * @param waitsFor why it waits between maturing and its dispatch, or why it is not dispatched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "image",
  "repository",
  "via",
  "level",
  "candidateAt",
  "eligibleAt",
  "windowOpensAt",
  "dispatchedAt",
  "runEndsAt",
  "waitsFor"
})
public record PlannedRebuild(
    String image,
    String repository,
    String via,
    int level,
    Instant candidateAt,
    Instant eligibleAt,
    Instant windowOpensAt,
    Instant dispatchedAt,
    Instant runEndsAt,
    String waitsFor) {}
