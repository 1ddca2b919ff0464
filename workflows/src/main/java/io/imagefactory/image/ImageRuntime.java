package io.imagefactory.image;

import java.time.Instant;
import java.util.List;

/**
 * What an image workflow knows beyond its configuration. It is written to the image's state file
 * as it changes, so a lost Temporal namespace is rebuilt from git by the next enrollment.
 *
 * @param pending rebuild candidates, oldest first
 * @param pinnedUpdates newer digests of pinned bases, reported and not rebuilt
 * @param awaitingApproval a matured rebuild waits for {@code approve} ({@code autoRebuild: false})
 * @param eligibleAt when the earliest candidate matures, or matured
 * @param rebuildCount how many rebuilds were asked for, for rebuild ids
 */
public record ImageRuntime(
    String currentDigest,
    String currentTag,
    Instant lastBuilt,
    List<PendingDigest> pending,
    List<PendingDigest> pinnedUpdates,
    boolean awaitingApproval,
    Instant eligibleAt,
    RebuildEntry lastRebuild,
    int rebuildCount) {

  public ImageRuntime {
    pending = pending == null ? List.of() : List.copyOf(pending);
    pinnedUpdates = pinnedUpdates == null ? List.of() : List.copyOf(pinnedUpdates);
  }

  public static ImageRuntime empty() {
    return new ImageRuntime(null, null, null, List.of(), List.of(), false, null, null, 0);
  }
}
