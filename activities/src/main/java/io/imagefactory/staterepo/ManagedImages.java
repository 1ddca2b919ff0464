package io.imagefactory.staterepo;

import io.imagefactory.catalog.ManagedImageState;
import io.imagefactory.catalog.RebuildState;
import java.time.Instant;
import java.util.List;

/** Copies of a managed image's state with one part replaced, for the patches that edit it. */
final class ManagedImages {

  private ManagedImages() {}

  static ManagedImageState withRebuildState(ManagedImageState m, RebuildState rebuildState) {
    return new ManagedImageState(m.name(), m.enrolledAt(), m.lastDiscovery(), m.discoveryStatus(),
        m.discoveryError(), m.enrollment(), m.baseImages(), m.pinnedBaseImages(), m.dependentImages(),
        m.currentVersion(), m.currentDigest(), m.lastBuilt(), rebuildState, m.unknownFields());
  }

  static ManagedImageState withBuild(ManagedImageState m, String digest, String tag, Instant builtAt) {
    return new ManagedImageState(m.name(), m.enrolledAt(), m.lastDiscovery(), m.discoveryStatus(),
        m.discoveryError(), m.enrollment(), m.baseImages(), m.pinnedBaseImages(), m.dependentImages(),
        tag, digest, builtAt, m.rebuildState(), m.unknownFields());
  }

  static ManagedImageState withDependents(ManagedImageState m, List<String> dependents) {
    return new ManagedImageState(m.name(), m.enrolledAt(), m.lastDiscovery(), m.discoveryStatus(),
        m.discoveryError(), m.enrollment(), m.baseImages(), m.pinnedBaseImages(), dependents,
        m.currentVersion(), m.currentDigest(), m.lastBuilt(), m.rebuildState(), m.unknownFields());
  }

  /** The image's rebuild state, {@code monitoring} when it has none yet. */
  static RebuildState rebuildState(ManagedImageState m) {
    return m.rebuildState() == null ? RebuildState.monitoring() : m.rebuildState();
  }
}
