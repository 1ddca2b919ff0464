package io.imagefactory.worker.metrics;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the fleet gauges need of one state file: the kind, a status from a small fixed set, and for
 * a managed image when it was last built and whether a newer base digest waits for it.
 *
 * @param builtAt the last build, or the enrollment when none is known; null for bases
 * @param behind true when a base digest it has not been rebuilt onto is known (a candidate)
 */
record ImageFacts(String kind, String status, Instant builtAt, boolean behind) {

  static final String MANAGED = "managed";
  static final String EXTERNAL = "external";
  static final String BASE = "base";
  static final List<String> KINDS = List.of(MANAGED, EXTERNAL, BASE);

  /** Nothing to rebuild: following its bases (or, for a base, watched by Kargo). */
  static final String WATCHING = "watching";
  /** A candidate is maturing; for a base, Kargo does not watch it yet. */
  static final String WAITING = "waiting";
  static final String AWAITING_APPROVAL = "awaiting-approval";
  static final String REBUILDING = "rebuilding";
  /** Its analysis failed, its rebuild target is invalid, or its last rebuilds failed. */
  static final String FAILED = "failed";
  static final List<String> STATUSES =
      List.of(WATCHING, WAITING, AWAITING_APPROVAL, REBUILDING, FAILED);

  static ImageFacts of(ImageState image) {
    if (image instanceof ManagedImageState managed) {
      return managed(managed);
    }
    ExternalImageState external = (ExternalImageState) image;
    String status = external.discoveryStatus() == DiscoveryStatus.FAILED ? FAILED : WATCHING;
    return new ImageFacts(EXTERNAL, status, null, false);
  }

  static ImageFacts of(BaseImageState base) {
    return new ImageFacts(BASE, Boolean.FALSE.equals(base.watched()) ? WAITING : WATCHING, null, false);
  }

  private static ImageFacts managed(ManagedImageState image) {
    RebuildState rebuild = image.rebuildState() == null ? RebuildState.monitoring() : image.rebuildState();
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

  /** Not built for longer than {@code staleAfter} while a newer base digest waits. */
  boolean staleAt(Instant now, Duration staleAfter) {
    return behind && builtAt != null && builtAt.plus(staleAfter).isBefore(now);
  }
}
