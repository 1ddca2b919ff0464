package io.imagefactory.staterepo;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.plan.AnalysisOutcome;
import io.imagefactory.enrollment.plan.EnrollmentPlan;
import io.imagefactory.enrollment.plan.EnrollmentPlanner;
import io.imagefactory.enrollment.plan.PlanSummary;
import io.imagefactory.statefiles.StateSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges {@code images.yaml} with the state files using the given analyses, planned afresh on the
 * files it is applied to: when someone pushed a change to {@code images.yaml} meanwhile, the plan
 * follows their version. An {@code images.yaml} that became invalid rejects the patch, so nothing
 * is unenrolled by a typo.
 */
final class ApplyEnrollment implements StatePatch {

  private final List<ImageAnalysis> analyses;
  private final Instant at;
  private PlanSummary summary;
  private volatile Map<String, Integer> transitions = Map.of();

  ApplyEnrollment(List<ImageAnalysis> analyses, Instant at) {
    this.analyses = List.copyOf(analyses);
    this.at = at;
  }

  @Override
  public void applyTo(StateFiles files) {
    transitions = Map.of();
    byte[] yaml =
        files
            .read(CatalogLoader.FILE_NAME)
            .orElseThrow(
                () -> new IllegalStateException("the state repository has no images.yaml"));
    Catalog catalog;
    try {
      catalog = new CatalogLoader().parse(CatalogLoader.FILE_NAME, yaml);
    } catch (CatalogException e) {
      throw new IllegalStateException(
          "images.yaml is invalid at the tip: "
              + e.errors().get(0)
              + " ("
              + e.errors().size()
              + " error(s))");
    }
    Map<String, AnalysisOutcome> outcomes = new LinkedHashMap<>();
    analyses.forEach(a -> outcomes.put(a.image(), AnalysisOutcome.of(a)));
    StateSnapshot before = files.snapshot();
    EnrollmentPlan plan = new EnrollmentPlanner().plan(catalog, before, outcomes, at);
    plan.changes().forEach(files::apply);
    summary = plan.summary();
    transitions = LifecycleTransitions.of(catalog, before, summary);
  }

  @Override
  public void reportTo(StateRepoMetrics metrics) {
    transitions.forEach(metrics::transition);
  }

  /** Names listed per part of the description; a large enrollment is counted, not spelled out. */
  static final int NAMES_SHOWN = 5;

  /**
   * {@code enroll api, web; discover node-22-bookworm-slim; remove old-app}; past {@value
   * #NAMES_SHOWN} images the enrolled ones are counted, {@code enroll 300 images (12 added, 288
   * changed)}, and other parts read {@code discover 40 bases: a, b, c, d, e and 35 more}, since it
   * becomes the commit's summary line and its list of patches (the file list names them all).
   */
  @Override
  public String describe() {
    if (summary == null) {
      return "enroll";
    }
    List<String> parts = new ArrayList<>();
    List<String> enrolled = new ArrayList<>(summary.enrolled());
    enrolled.addAll(summary.updated());
    if (!enrolled.isEmpty()) {
      parts.add(
          "enroll " + enrolled(summary.enrolled().size(), summary.updated().size(), enrolled));
    }
    if (!summary.discoveredBases().isEmpty()) {
      parts.add("discover " + names(summary.discoveredBases(), "bases"));
    }
    if (!summary.droppedBases().isEmpty()) {
      parts.add("stop watching " + names(summary.droppedBases(), "bases"));
    }
    if (!summary.removedImages().isEmpty()) {
      parts.add("remove " + names(summary.removedImages(), "images"));
    }
    if (!summary.failed().isEmpty()) {
      parts.add("analysis failed for " + names(summary.failed().keySet(), "images"));
    }
    if (!summary.buildErrors().isEmpty()) {
      parts.add("rebuild target invalid for " + names(summary.buildErrors().keySet(), "images"));
    }
    return parts.isEmpty() ? "enroll" : String.join("; ", parts);
  }

  /** The names of a few images, else {@code 300 images (12 added, 288 changed)}. */
  static String enrolled(int added, int changed, List<String> names) {
    if (names.size() <= NAMES_SHOWN) {
      return String.join(", ", names);
    }
    List<String> counts = new ArrayList<>();
    if (added > 0) {
      counts.add(added + " added");
    }
    if (changed > 0) {
      counts.add(changed + " changed");
    }
    return names.size() + " images (" + String.join(", ", counts) + ")";
  }

  static String names(Collection<String> names, String what) {
    if (names.size() <= NAMES_SHOWN) {
      return String.join(", ", names);
    }
    List<String> first = names.stream().limit(NAMES_SHOWN).toList();
    return names.size()
        + " "
        + what
        + ": "
        + String.join(", ", first)
        + " and "
        + (names.size() - NAMES_SHOWN)
        + " more";
  }
}
