package io.imagefactory.enrollment.plan;

import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.vulnerability.ScanSummary;
import java.time.Instant;
import java.util.List;

/**
 * Merges an {@code images.yaml} entry with the image's previous state file: configuration comes
 * from the entry, runtime data (enrollment time, current digest and version, build time, rebuild
 * state, unknown fields) survives, including across external/managed transitions.
 */
final class ImageStateMerger {

  private ImageStateMerger() {}

  static ManagedImageState managed(
      ImageEntry entry,
      ImageState previous,
      Discovery discovery,
      List<String> dependents,
      VerifyRule verify,
      Instant now) {
    Enrollment enrollment =
        entry.enrollment().withVerify(verify).keepingUnknownFieldsOf(enrollmentOf(previous));
    String currentVersion = null;
    String currentDigest = null;
    Instant lastBuilt = null;
    RebuildState rebuildState = RebuildState.monitoring();
    if (previous instanceof ManagedImageState before) {
      currentVersion = before.currentVersion();
      currentDigest = before.currentDigest();
      lastBuilt = before.lastBuilt();
      rebuildState = before.rebuildState() == null ? rebuildState : before.rebuildState();
    } else if (previous instanceof ExternalImageState before) {
      currentVersion = before.currentTag();
      currentDigest = before.currentDigest();
    }
    return new ManagedImageState(
        entry.name(),
        previous == null || previous.enrolledAt() == null ? now : previous.enrolledAt(),
        discovery.lastDiscovery(),
        discovery.status(),
        discovery.error(),
        discovery.buildErrors(),
        enrollment,
        discovery.baseImages(),
        discovery.pinnedBaseImages(),
        dependents,
        discovery.sourceRevision(),
        currentVersion,
        currentDigest,
        lastBuilt,
        rebuildState,
        previous == null ? null : previous.unknownFields());
  }

  static ExternalImageState external(
      ImageEntry entry,
      ImageState previous,
      List<String> dependents,
      VerifyRule verify,
      Instant now) {
    Enrollment enrollment =
        entry.enrollment().withVerify(verify).keepingUnknownFieldsOf(enrollmentOf(previous));
    String currentTag = null;
    String currentDigest = null;
    Instant lastUpdated = null;
    List<ScanSummary> scans = List.of();
    if (previous instanceof ExternalImageState before) {
      currentTag = before.currentTag();
      currentDigest = before.currentDigest();
      lastUpdated = before.lastUpdated();
      scans = before.scans();
    } else if (previous instanceof ManagedImageState before) {
      currentTag = before.currentVersion();
      currentDigest = before.currentDigest();
    }
    return new ExternalImageState(
        entry.name(),
        previous == null || previous.enrolledAt() == null ? now : previous.enrolledAt(),
        DiscoveryStatus.EXTERNAL,
        enrollment,
        entry.repoUrl(),
        entry.allowTags(),
        entry.imageSelectionStrategy(),
        List.of(),
        dependents,
        currentTag,
        currentDigest,
        lastUpdated,
        scans,
        previous == null ? null : previous.unknownFields());
  }

  private static Enrollment enrollmentOf(ImageState previous) {
    return previous == null ? null : previous.enrollment();
  }
}
