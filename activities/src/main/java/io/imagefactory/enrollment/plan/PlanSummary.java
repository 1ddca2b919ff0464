package io.imagefactory.enrollment.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a plan does, by image and base name; every list is sorted.
 *
 * @param enrolled images that get their first state file
 * @param updated images whose state file changes
 * @param unchanged images whose state file stays as it is
 * @param analysed managed images whose Dockerfile was analysed successfully
 * @param notAnalysed managed images not analysed this time, with why; their discovery is kept
 * @param failed images whose discovery failed (analysis, dependency cycle, unreadable state file),
 *     with why
 * @param buildErrors managed images whose rebuild target is invalid, with the {@code images.yaml}
 *     errors their state files record; their bases are watched, but they are not rebuilt
 * @param discoveredBases base images that get a state file (and so a Warehouse)
 * @param updatedBases base images whose state file changes
 * @param droppedBases base images no image uses any more: their file is deleted, watching stops
 * @param removedImages images that left {@code images.yaml}: their state file is deleted
 * @param cycles dependency cycles among managed images ({@code a -> b -> a})
 * @param warnings analysis warnings, as {@code image: warning}
 * @param problems state files that could not be read and were left untouched
 */
public record PlanSummary(
    List<String> enrolled,
    List<String> updated,
    List<String> unchanged,
    List<String> analysed,
    Map<String, String> notAnalysed,
    Map<String, String> failed,
    Map<String, List<String>> buildErrors,
    List<String> discoveredBases,
    List<String> updatedBases,
    List<String> droppedBases,
    List<String> removedImages,
    List<String> cycles,
    List<String> warnings,
    List<String> problems) {

  public PlanSummary {
    enrolled = sorted(enrolled);
    updated = sorted(updated);
    unchanged = sorted(unchanged);
    analysed = sorted(analysed);
    notAnalysed = Collections.unmodifiableSortedMap(new TreeMap<>(notAnalysed));
    failed = Collections.unmodifiableSortedMap(new TreeMap<>(failed));
    buildErrors = Collections.unmodifiableSortedMap(new TreeMap<>(buildErrors));
    discoveredBases = sorted(discoveredBases);
    updatedBases = sorted(updatedBases);
    droppedBases = sorted(droppedBases);
    removedImages = sorted(removedImages);
    cycles = sorted(cycles);
    warnings = sorted(warnings);
    problems = sorted(problems);
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }
}
