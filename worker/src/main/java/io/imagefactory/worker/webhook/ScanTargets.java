package io.imagefactory.worker.webhook;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.DigestSighting;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageDirectory.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which digests a vulnerability report may be about, and who owns each: a base image or an external
 * image whose digest is current or recent (a base's {@code digestHistory}), a candidate of a
 * managed image built on it, the digest a candidate replaces, or one a rebuild was for. A report
 * about any other digest informs no decision and is refused.
 */
final class ScanTargets {

  private final Map<String, Set<OwnerKey>> owners = new HashMap<>();

  /** An owner, sorted by kind and name so answers are stable. */
  private record OwnerKey(Kind kind, String name) implements Comparable<OwnerKey> {
    @Override
    public int compareTo(OwnerKey other) {
      int byKind = kind.compareTo(other.kind);
      return byKind != 0 ? byKind : name.compareTo(other.name);
    }
  }

  private ScanTargets() {}

  static ScanTargets of(StateSnapshot states) {
    ScanTargets targets = new ScanTargets();
    Map<String, Kind> kinds = new HashMap<>();
    for (BaseImageState base : states.baseImages().values()) {
      kinds.put(base.name(), Kind.BASE);
      targets.add(base.currentDigest(), Kind.BASE, base.name());
      for (DigestSighting earlier : base.digestHistory()) {
        targets.add(earlier.digest(), Kind.BASE, base.name());
      }
    }
    for (ImageState image : states.images().values()) {
      if (image instanceof ExternalImageState external) {
        kinds.put(external.name(), Kind.EXTERNAL);
        targets.add(external.currentDigest(), Kind.EXTERNAL, external.name());
      }
    }
    for (ImageState image : states.images().values()) {
      if (image instanceof ManagedImageState managed && managed.rebuildState() != null) {
        targets.addCandidates(managed.rebuildState(), kinds);
      }
    }
    return targets;
  }

  private void addCandidates(RebuildState rebuild, Map<String, Kind> kinds) {
    List<PendingDigest> digests = new ArrayList<>(rebuild.candidates());
    digests.addAll(rebuild.heldForSignature());
    for (PendingDigest candidate : digests) {
      Kind kind = kinds.get(candidate.baseImage());
      if (kind != null) {
        add(candidate.digest(), kind, candidate.baseImage());
        add(candidate.replaces(), kind, candidate.baseImage());
      }
    }
    RebuildEntry last = rebuild.lastRebuild();
    if (last != null) {
      last.baseDigests()
          .forEach(
              (base, digest) -> {
                Kind kind = kinds.get(base);
                if (kind != null) {
                  add(digest, kind, base);
                }
              });
    }
  }

  private void add(String digest, Kind kind, String name) {
    if (digest != null) {
      owners.computeIfAbsent(digest, d -> new TreeSet<>()).add(new OwnerKey(kind, name));
    }
  }

  /** The owners of {@code digest}, bases first, then by name; empty when it is not tracked. */
  List<Entry> ownersOf(String digest) {
    return owners.getOrDefault(digest, Set.of()).stream()
        .map(o -> new Entry(o.name(), o.kind(), null, null))
        .toList();
  }
}
