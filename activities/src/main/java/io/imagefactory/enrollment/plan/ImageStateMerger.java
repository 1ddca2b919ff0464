package io.imagefactory.enrollment.plan;

import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    ManagedImageState before = previous instanceof ManagedImageState managed ? managed : null;
    Current current = Current.of(previous);
    return new ManagedImageState(
        entry.name(),
        enrolledAt(previous, now),
        discovery.lastDiscovery(),
        discovery.status(),
        discovery.error(),
        discovery.buildErrors(),
        enrollment(entry, previous, verify),
        discovery.baseImages(),
        discovery.pinnedBaseImages(),
        dependents,
        discovery.sourceRevision(),
        current.version(),
        current.digest(),
        before == null ? null : before.lastBuilt(),
        before == null || before.rebuildState() == null
            ? RebuildState.monitoring()
            : before.rebuildState(),
        unknownFieldsOf(previous));
  }

  static ExternalImageState external(
      ImageEntry entry,
      ImageState previous,
      List<String> dependents,
      VerifyRule verify,
      Instant now) {
    Current current = Current.of(previous);
    ExternalImageState before = previous instanceof ExternalImageState external ? external : null;
    return new ExternalImageState(
        entry.name(),
        enrolledAt(previous, now),
        DiscoveryStatus.EXTERNAL,
        enrollment(entry, previous, verify),
        entry.repoUrl(),
        entry.allowTags(),
        entry.imageSelectionStrategy(),
        List.of(),
        dependents,
        current.version(),
        current.digest(),
        before == null ? null : before.lastUpdated(),
        before == null ? List.of() : before.scans(),
        unknownFieldsOf(previous));
  }

  /** The entry's enrollment, keeping the unknown fields of the previous state's. */
  private static Enrollment enrollment(ImageEntry entry, ImageState previous, VerifyRule verify) {
    Enrollment before = previous == null ? null : previous.enrollment();
    return entry.enrollment().withVerify(verify).keepingUnknownFieldsOf(before);
  }

  private static Instant enrolledAt(ImageState previous, Instant now) {
    return previous == null || previous.enrolledAt() == null ? now : previous.enrolledAt();
  }

  private static Map<String, Object> unknownFieldsOf(ImageState previous) {
    return previous == null ? null : previous.unknownFields();
  }

  /**
   * The version (a managed image's) or tag (an external one's) and digest in use, which survive a
   * switch between managed and external.
   */
  private record Current(String version, String digest) {

    static Current of(ImageState previous) {
      if (previous instanceof ManagedImageState before) {
        return new Current(before.currentVersion(), before.currentDigest());
      }
      if (previous instanceof ExternalImageState before) {
        return new Current(before.currentTag(), before.currentDigest());
      }
      return new Current(null, null);
    }
  }
}
