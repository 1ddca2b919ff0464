package io.imagefactory.fleet;

import io.imagefactory.catalog.BaseImageState;
import io.imagefactory.catalog.DiscoveryStatus;
import io.imagefactory.catalog.ExternalImageState;
import io.imagefactory.catalog.ImageState;
import io.imagefactory.catalog.ManagedImageState;
import io.imagefactory.catalog.RebuildState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the fleet views need of one state file: the kind, a status from a small fixed set, and for a
 * managed image when it was last built and whether a newer base digest waits for it. The worker's
 * gauges and {@code image-factory report} both classify through here, so they never disagree.
 *
 * @param builtAt the last build, or the enrollment when none is known; null for bases
 * @param behind true when a base digest it has not been rebuilt onto is known (a candidate)
 */
public record ImageFacts(String kind, String status, Instant builtAt, boolean behind) {

  public static final String MANAGED = "managed";
  public static final String EXTERNAL = "external";
  public static final String BASE = "base";
  public static final List<String> KINDS = List.of(MANAGED, EXTERNAL, BASE);

  /** Nothing to rebuild: following its bases (or, for a base, watched by Kargo). */
  public static final String WATCHING = "watching";

  /** A candidate is maturing; for a base, Kargo does not watch it yet. */
  public static final String WAITING = "waiting";

  public static final String AWAITING_APPROVAL = "awaiting-approval";
  public static final String REBUILDING = "rebuilding";

  /** Its analysis failed, its rebuild target is invalid, or its last rebuilds failed. */
  public static final String FAILED = "failed";

  public static final List<String> STATUSES =
      List.of(WATCHING, WAITING, AWAITING_APPROVAL, REBUILDING, FAILED);

  /** The facts of an image's state file. */
  public static ImageFacts of(ImageState image) {
    if (image instanceof ManagedImageState managed) {
      return managed(managed);
    }
    ExternalImageState external = (ExternalImageState) image;
    String status = external.discoveryStatus() == DiscoveryStatus.FAILED ? FAILED : WATCHING;
    return new ImageFacts(EXTERNAL, status, null, false);
  }

  /** The facts of a base image's state file. */
  public static ImageFacts of(BaseImageState base) {
    return new ImageFacts(
        BASE, Boolean.FALSE.equals(base.watched()) ? WAITING : WATCHING, null, false);
  }

  private static ImageFacts managed(ManagedImageState image) {
    RebuildState rebuild =
        image.rebuildState() == null ? RebuildState.monitoring() : image.rebuildState();
    String status;
    if (image.discoveryStatus() == DiscoveryStatus.FAILED
        || !image.buildErrors().isEmpty()
        || rebuild.failedAttempts() > 0) {
      status = FAILED;
    } else if (rebuild.pendingRebuild() || AWAITING_APPROVAL.equals(rebuild.status())) {
      status = AWAITING_APPROVAL;
    } else if (WAITING.equals(rebuild.status()) || REBUILDING.equals(rebuild.status())) {
      status = rebuild.status();
    } else {
      status = WATCHING;
    }
    Instant builtAt = image.lastBuilt() != null ? image.lastBuilt() : image.enrolledAt();
    return new ImageFacts(MANAGED, status, builtAt, !rebuild.candidates().isEmpty());
  }

  /**
   * Stale: not built for longer than {@code staleAfter} while a newer base digest waits. An image
   * that is current with its bases is never stale, however old its build.
   */
  public boolean staleAt(Instant now, Duration staleAfter) {
    return behind && builtAt != null && builtAt.plus(staleAfter).isBefore(now);
  }
}
