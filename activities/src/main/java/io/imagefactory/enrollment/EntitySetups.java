package io.imagefactory.enrollment;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.catalog.FastPathDelay;
import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.catalog.RebuildDelay;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageScans;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.rebuild.RebuildInputs;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.DigestSighting;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RuntimeRecords;
import io.imagefactory.statefiles.SourceConfig;
import io.imagefactory.statefiles.StateSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The entity workflows a state snapshot calls for, each with what git recorded for it. */
public final class EntitySetups {

  private EntitySetups() {}

  /** An image and base workflow per state file, and the bases Argo CD has not yet synced. */
  public static EntityPlan of(StateSnapshot snapshot) {
    Map<String, String> references = references(snapshot);
    List<ImageSetup> images = new ArrayList<>();
    snapshot.images().values().forEach(i -> images.add(imageSetup(i, references)));
    List<BaseSetup> bases = new ArrayList<>();
    List<String> unwatched = new ArrayList<>();
    for (BaseImageState base : snapshot.baseImages().values()) {
      bases.add(baseSetup(base));
      if (!Boolean.TRUE.equals(base.watched())) {
        unwatched.add(base.name());
      }
    }
    return new EntityPlan(images, bases, unwatched);
  }

  static ImageSetup imageSetup(ImageState state, Map<String, String> references) {
    // An external image's scans start it again where it was; its dependents get new ones as
    // they come.
    ImageScans scans =
        state instanceof ExternalImageState external && !external.scans().isEmpty()
            ? new ImageScans(Map.of(), external.scans())
            : null;
    return new ImageSetup(
        configOf(state, references),
        RuntimeRecords.runtimeOf(state),
        0,
        false,
        null,
        null,
        null,
        scans);
  }

  /**
   * The tag reference of every base and managed image, by name: what a rebuild's {@code
   * ${base.<name>.ref}} placeholder pins by digest. A managed image is referenced by its current
   * tag, {@code latest} before its first build is seen.
   */
  static Map<String, String> references(StateSnapshot snapshot) {
    Map<String, String> references = new TreeMap<>();
    snapshot
        .baseImages()
        .values()
        .forEach(b -> references.put(b.name(), b.repoURL() + ":" + b.tag()));
    for (ImageState image : snapshot.images().values()) {
      Enrollment enrollment = image.enrollment();
      if (image instanceof ManagedImageState m && enrollment != null) {
        String tag = m.currentVersion() == null ? "latest" : m.currentVersion();
        references.put(m.name(), enrollment.registry() + "/" + enrollment.repository() + ":" + tag);
      }
    }
    return references;
  }

  public static ImageConfig configOf(ImageState state, Map<String, String> references) {
    Enrollment enrollment = state.enrollment();
    boolean managed = state instanceof ManagedImageState;
    List<String> pinned = List.of();
    List<String> dependents = List.of();
    List<String> buildErrors = List.of();
    if (state instanceof ManagedImageState m) {
      pinned = m.pinnedBaseImages();
      dependents = m.dependentImages();
      buildErrors = withDiscoveryFailure(m);
    } else if (state instanceof ExternalImageState e) {
      dependents = e.dependentImages();
    }
    SourceConfig source = enrollment == null ? null : enrollment.source();
    RebuildTarget target =
        managed && source != null
            ? new RebuildTarget(
                source.provider(),
                source.inStateRepo() ? null : source.repo(),
                source.workflow(),
                source.effectiveBranch(),
                source.workflowInputs())
            : null;
    Map<String, String> baseReferences = new TreeMap<>();
    state.baseImages().stream()
        .filter(references::containsKey)
        .forEach(b -> baseReferences.put(b, references.get(b)));
    return new ImageConfig(
        state.name(),
        managed ? ImageKind.MANAGED : ImageKind.EXTERNAL,
        delayOf(enrollment),
        enrollment == null || enrollment.autoRebuild() == null || enrollment.autoRebuild(),
        state.baseImages(),
        pinned,
        dependents,
        target,
        baseReferences,
        target != null && RebuildInputs.pinsEveryBase(target.inputs(), unpinned(state, pinned)),
        buildErrors,
        enrollment == null ? null : enrollment.rebuildWindow(),
        enrollment == null ? null : enrollment.registry() + "/" + enrollment.repository(),
        enrollment == null ? null : enrollment.verify(),
        managed ? FastPathDelay.policyOf(enrollment == null ? null : enrollment.fastPath()) : null);
  }

  /**
   * The build errors of a managed image, and its discovery failure when it left the image with no
   * base at all: nothing would ever trigger its rebuild, and the image's status and details line
   * say why. An image whose earlier bases stay watched keeps rebuilding on them.
   */
  private static List<String> withDiscoveryFailure(ManagedImageState m) {
    if (m.discoveryStatus() != DiscoveryStatus.FAILED
        || m.discoveryError() == null
        || !m.baseImages().isEmpty()) {
      return m.buildErrors();
    }
    List<String> errors = new ArrayList<>(m.buildErrors());
    errors.add("discovery failed: " + m.discoveryError());
    return errors;
  }

  private static List<String> unpinned(ImageState state, List<String> pinned) {
    return state.baseImages().stream().filter(b -> !pinned.contains(b)).toList();
  }

  static BaseSetup baseSetup(BaseImageState base) {
    List<String> recent = base.digestHistory().stream().map(DigestSighting::digest).toList();
    return new BaseSetup(
            base.name(),
            base.repoURL(),
            base.tag(),
            base.dependentImages(),
            base.currentDigest(),
            base.lastUpdated(),
            recent,
            0,
            null,
            null,
            List.of())
        .withVerify(base.verify())
        .withScans(base.scans());
  }

  private static Duration delayOf(Enrollment enrollment) {
    String text =
        enrollment == null || enrollment.rebuildDelay() == null
            ? ImageEntry.DEFAULT_REBUILD_DELAY
            : enrollment.rebuildDelay();
    return RebuildDelay.parse(text);
  }
}
