package io.imagefactory.base;

import io.imagefactory.image.BaseScan;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.HeldDigest;
import io.imagefactory.staterepo.StateChange;
import io.imagefactory.vulnerability.ScanSummary;
import java.util.List;

/**
 * What a base-image workflow hands to its next run besides its state, so that it can continue as
 * new in the middle of a burst without losing anything.
 *
 * @param inbox events not taken yet, in arrival order
 * @param unannounced the new digest not fanned out yet; null when none waits
 * @param unrecorded digest and scan records the state repository has not acknowledged, oldest first
 * @param held the current digest held for its signature and its re-checks; null when none is
 * @param scanInbox scans not taken yet, in arrival order
 * @param unannouncedScans scans recorded but not handed to the dependents yet, oldest first
 */
public record BaseCarryOver(
    List<DigestSeen> inbox,
    BaseUpdate unannounced,
    List<StateChange> unrecorded,
    HeldDigest held,
    List<ScanSummary> scanInbox,
    List<BaseScan> unannouncedScans) {

  public BaseCarryOver {
    inbox = inbox == null ? List.of() : List.copyOf(inbox);
    unrecorded = unrecorded == null ? List.of() : List.copyOf(unrecorded);
    scanInbox = scanInbox == null ? List.of() : List.copyOf(scanInbox);
    unannouncedScans = unannouncedScans == null ? List.of() : List.copyOf(unannouncedScans);
  }
}
