package io.imagefactory.base;

import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.HeldDigest;
import io.imagefactory.staterepo.BaseDigestChange;
import java.util.List;

/**
 * What a base-image workflow hands to its next run besides its state, so that it can continue as
 * new in the middle of a burst without losing anything.
 *
 * @param inbox events not taken yet, in arrival order
 * @param unannounced the new digest not fanned out yet; null when none waits
 * @param unrecorded digest records the state repository has not acknowledged, oldest first
 * @param held the current digest held for its signature and its re-checks; null when none is
 */
public record BaseCarryOver(
    List<DigestSeen> inbox,
    BaseUpdate unannounced,
    List<BaseDigestChange> unrecorded,
    HeldDigest held) {

  public BaseCarryOver {
    inbox = inbox == null ? List.of() : List.copyOf(inbox);
    unrecorded = unrecorded == null ? List.of() : List.copyOf(unrecorded);
  }
}
