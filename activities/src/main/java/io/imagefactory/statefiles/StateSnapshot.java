package io.imagefactory.statefiles;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state files of a state repository at one point: image and base-image states by name (sorted),
 * plus the files that could not be read.
 *
 * @param problems unreadable or invalid state files; their paths are never written by a plan
 */
public record StateSnapshot(
    Map<String, ImageState> images,
    Map<String, BaseImageState> baseImages,
    List<StateFileProblem> problems) {

  public StateSnapshot {
    images = Collections.unmodifiableSortedMap(new TreeMap<>(images));
    baseImages = Collections.unmodifiableSortedMap(new TreeMap<>(baseImages));
    problems = List.copyOf(problems);
  }

  public StateSnapshot(Map<String, ImageState> images, Map<String, BaseImageState> baseImages) {
    this(images, baseImages, List.of());
  }

  /** A state repository without state files. */
  public static StateSnapshot empty() {
    return new StateSnapshot(Map.of(), Map.of());
  }

  /** True when the file at {@code path} exists but could not be read. */
  public boolean isUnreadable(String path) {
    return problems.stream().anyMatch(problem -> problem.path().equals(path));
  }
}
