package io.imagefactory.enrollment.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects, while planning, what the plan does to each image and base, for its summary. */
final class PlanAccount {

  final List<String> enrolled = new ArrayList<>();
  final List<String> updated = new ArrayList<>();
  final List<String> unchanged = new ArrayList<>();
  final List<String> analysed = new ArrayList<>();
  final Map<String, String> notAnalysed = new TreeMap<>();
  final Map<String, String> failed = new TreeMap<>();
  final Map<String, List<String>> buildErrors = new TreeMap<>();
  final List<String> discoveredBases = new ArrayList<>();
  final List<String> updatedBases = new ArrayList<>();
  final List<String> droppedBases = new ArrayList<>();
  final List<String> removedImages = new ArrayList<>();
  final List<String> cycles = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  PlanSummary summary() {
    return new PlanSummary(
        enrolled,
        updated,
        unchanged,
        analysed,
        notAnalysed,
        failed,
        buildErrors,
        discoveredBases,
        updatedBases,
        droppedBases,
        removedImages,
        cycles.stream().distinct().toList(),
        warnings,
        problems);
  }
}
