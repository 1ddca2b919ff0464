package io.imagefactory.worker.webhook;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateFileProblem;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageDirectory.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries of one snapshot of the state files, by repoURL: the few fields lookups need (name,
 * kind, repoURL, tag), beside the parsed states the status page shows. A file that cannot be read
 * keeps the entry and the state the previous index had for it (the last good version), so one bad
 * edit never makes an image unreachable; it is logged.
 */
final class StateFileIndex {

  private static final Logger log = LoggerFactory.getLogger(StateFileIndex.class);
  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::kind).thenComparing(Entry::name);

  static final StateFileIndex EMPTY =
      new StateFileIndex(new TreeMap<>(), new TreeMap<>(), List.of());

  private final SortedMap<String, Entry> byPath;
  private final SortedMap<String, Object> statesByPath;
  private final Map<String, List<Entry>> byRepoURL = new HashMap<>();
  private final List<Entry> images;
  private final StateSnapshot states;

  private StateFileIndex(
      SortedMap<String, Entry> byPath,
      SortedMap<String, Object> statesByPath,
      List<StateFileProblem> problems) {
    this.byPath = byPath;
    this.statesByPath = statesByPath;
    Map<String, ImageState> imageStates = new TreeMap<>();
    Map<String, BaseImageState> baseStates = new TreeMap<>();
    for (Object state : statesByPath.values()) {
      if (state instanceof ImageState image) {
        imageStates.put(image.name(), image);
      } else if (state instanceof BaseImageState base) {
        baseStates.put(base.name(), base);
      }
    }
    this.states = new StateSnapshot(imageStates, baseStates, problems);
    for (Entry entry : byPath.values()) {
      byRepoURL.computeIfAbsent(entry.repoURL(), url -> new ArrayList<>()).add(entry);
    }
    byRepoURL.values().forEach(list -> list.sort(ORDER));
    this.images =
        byPath.values().stream()
            .filter(e -> e.kind() != Kind.BASE)
            .sorted(Comparator.comparing(Entry::name))
            .toList();
  }

  /** The index of {@code files}; a file that cannot be read keeps its entry in {@code previous}. */
  static StateFileIndex of(SortedMap<String, byte[]> files, StateFileIndex previous) {
    StateSnapshot snapshot = new StateSnapshotReader().read(files);
    List<StateFileProblem> problems = new ArrayList<>(snapshot.problems());
    SortedMap<String, Entry> byPath = new TreeMap<>();
    SortedMap<String, Object> statesByPath = new TreeMap<>();
    for (BaseImageState base : snapshot.baseImages().values()) {
      statesByPath.put(StateFileStore.baseImagePath(base.name()), base);
      // A base pinned by digest has no tag and is never watched, so no event can concern it.
      if (base.repoURL() != null && base.tag() != null) {
        byPath.put(
            StateFileStore.baseImagePath(base.name()),
            new Entry(base.name(), Kind.BASE, base.repoURL(), base.tag()));
      }
    }
    for (ImageState image : snapshot.images().values()) {
      String path = StateFileStore.imagePath(image.name());
      statesByPath.put(path, image);
      Optional<Entry> entry = imageEntry(image);
      if (entry.isPresent()) {
        byPath.put(path, entry.get());
      } else {
        problems.add(new StateFileProblem(path, "names no repoURL and no enrollment"));
      }
    }
    for (StateFileProblem problem : problems) {
      Entry kept = previous.byPath.get(problem.path());
      log.warn(
          "State file {}: {}; {}",
          problem.path(),
          problem.reason(),
          kept == null ? "ignored" : "its last good version stays in the webhook's index");
      if (kept != null) {
        byPath.put(problem.path(), kept);
      }
      Object keptState = previous.statesByPath.get(problem.path());
      if (keptState != null) {
        statesByPath.putIfAbsent(problem.path(), keptState);
      }
    }
    return new StateFileIndex(byPath, statesByPath, problems);
  }

  List<Entry> find(String repoURL, String tag) {
    return byRepoURL.getOrDefault(repoURL, List.of()).stream()
        .filter(e -> e.kind() != Kind.BASE || e.tag().equals(tag))
        .toList();
  }

  List<Entry> images() {
    return images;
  }

  /** The states of every file, the last good one for a file that cannot be read now. */
  StateSnapshot states() {
    return states;
  }

  private static Optional<Entry> imageEntry(ImageState image) {
    if (image instanceof ExternalImageState external && external.repoURL() != null) {
      return Optional.of(new Entry(image.name(), Kind.EXTERNAL, external.repoURL(), null));
    }
    Kind kind = image instanceof ManagedImageState ? Kind.MANAGED : Kind.EXTERNAL;
    Enrollment enrollment = image.enrollment();
    if (enrollment == null || enrollment.registry() == null || enrollment.repository() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Entry(image.name(), kind, enrollment.registry() + "/" + enrollment.repository(), null));
  }
}
