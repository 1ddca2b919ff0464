package io.imagefactory.worker.webhook;

import io.imagefactory.catalog.BaseImageState;
import io.imagefactory.catalog.Enrollment;
import io.imagefactory.catalog.ExternalImageState;
import io.imagefactory.catalog.ImageState;
import io.imagefactory.catalog.ManagedImageState;
import io.imagefactory.catalog.StateFileProblem;
import io.imagefactory.catalog.StateSnapshot;
import io.imagefactory.catalog.StateSnapshotReader;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageDirectory.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries of one snapshot of the state files: only the few fields lookups need (name, kind,
 * repoURL, tag). A file that cannot be read is logged and left out, never fatal to the others.
 */
final class StateFileIndex {

  private static final Logger log = LoggerFactory.getLogger(StateFileIndex.class);
  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::kind).thenComparing(Entry::name);

  private final List<Entry> entries;

  private StateFileIndex(List<Entry> entries) {
    this.entries = entries.stream().sorted(ORDER).toList();
  }

  static StateFileIndex of(SortedMap<String, byte[]> files) {
    List<StateFileProblem> problems = new ArrayList<>();
    StateSnapshot snapshot = new StateSnapshotReader().read(files, problems);
    problems.forEach(p -> log.warn("State file {}: {}; ignored", p.path(), p.reason()));
    List<Entry> entries = new ArrayList<>();
    for (BaseImageState base : snapshot.baseImages().values()) {
      // A base pinned by digest has no tag and is never watched, so no event can concern it.
      if (base.repoURL() != null && base.tag() != null) {
        entries.add(new Entry(base.name(), Kind.BASE, base.repoURL(), base.tag()));
      }
    }
    for (ImageState image : snapshot.images().values()) {
      entries.add(imageEntry(image));
    }
    return new StateFileIndex(entries);
  }

  List<Entry> find(String repoURL, String tag) {
    return entries.stream()
        .filter(e -> e.repoURL().equals(repoURL))
        .filter(e -> e.kind() != Kind.BASE || e.tag().equals(tag))
        .toList();
  }

  List<Entry> images() {
    return entries.stream()
        .filter(e -> e.kind() != Kind.BASE)
        .sorted(Comparator.comparing(Entry::name))
        .toList();
  }

  private static Entry imageEntry(ImageState image) {
    if (image instanceof ExternalImageState external && external.repoURL() != null) {
      return new Entry(image.name(), Kind.EXTERNAL, external.repoURL(), null);
    }
    Kind kind = image instanceof ManagedImageState ? Kind.MANAGED : Kind.EXTERNAL;
    Enrollment enrollment = image.enrollment();
    return new Entry(
        image.name(), kind, enrollment.registry() + "/" + enrollment.repository(), null);
  }
}
