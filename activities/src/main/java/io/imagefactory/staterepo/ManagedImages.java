package io.imagefactory.staterepo;

import io.imagefactory.catalog.ManagedImageState;
import io.imagefactory.catalog.RebuildState;
import java.time.Instant;
import java.util.List;

/** Copies of a managed image's state with one part replaced, for the patches that edit it. */
final class ManagedImages {

  private ManagedImages() {}

  static ManagedImageState withDependents(ManagedImageState m, List<String> dependents) {
    return new ManagedImageState(m.name(), m.enrolledAt(), m.lastDiscovery(), m.discoveryStatus(),
        m.discoveryError(), m.enrollment(), m.baseImages(), m.pinnedBaseImages(), dependents,
        m.currentVersion(), m.currentDigest(), m.lastBuilt(), m.rebuildState(), m.unknownFields());
  }
}
