package io.imagefactory.staterepo;

import io.imagefactory.catalog.AnalysisOutcome;
import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.catalog.EnrollmentPlan;
import io.imagefactory.catalog.EnrollmentPlanner;
import io.imagefactory.catalog.FileChange;
import io.imagefactory.catalog.PlanSummary;
import io.imagefactory.dockerfile.ImageAnalysis;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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

  ApplyEnrollment(List<ImageAnalysis> analyses, Instant at) {
    this.analyses = List.copyOf(analyses);
    this.at = at;
  }

  @Override
  public void applyTo(StateFiles files) {
    byte[] yaml =
        files.read(CatalogLoader.FILE_NAME)
            .orElseThrow(() -> new IllegalStateException("the state repository has no images.yaml"));
    Catalog catalog;
    try {
      catalog = new CatalogLoader().parse(CatalogLoader.FILE_NAME, yaml);
    } catch (CatalogException e) {
      throw new IllegalStateException(
          "images.yaml is invalid at the tip: " + e.errors().get(0) + " (" + e.errors().size() + " error(s))");
    }
    Map<String, AnalysisOutcome> outcomes = new LinkedHashMap<>();
    analyses.forEach(a -> outcomes.put(a.image(), AnalysisOutcome.of(a)));
    EnrollmentPlan plan =
        new EnrollmentPlanner().plan(catalog, StateFilesSnapshot.read(files), outcomes, at);
    for (FileChange change : plan.changes()) {
      if (change.action() == FileChange.Action.DELETE) {
        files.delete(change.path());
      } else {
        files.write(change.path(), change.content().getBytes(StandardCharsets.UTF_8));
      }
    }
    summary = plan.summary();
  }

  /** {@code enroll api, web; discover node-22-bookworm-slim; remove old-app}. */
  @Override
  public String describe() {
    if (summary == null) {
      return "enroll";
    }
    List<String> parts = new ArrayList<>();
    List<String> enrolled = new ArrayList<>(summary.enrolled());
    enrolled.addAll(summary.updated());
    if (!enrolled.isEmpty()) {
      parts.add("enroll " + String.join(", ", enrolled));
    }
    if (!summary.discoveredBases().isEmpty()) {
      parts.add("discover " + String.join(", ", summary.discoveredBases()));
    }
    if (!summary.droppedBases().isEmpty()) {
      parts.add("stop watching " + String.join(", ", summary.droppedBases()));
    }
    if (!summary.removedImages().isEmpty()) {
      parts.add("remove " + String.join(", ", summary.removedImages()));
    }
    if (!summary.failed().isEmpty()) {
      parts.add("analysis failed for " + String.join(", ", summary.failed().keySet()));
    }
    if (!summary.buildErrors().isEmpty()) {
      parts.add("rebuild target invalid for " + String.join(", ", summary.buildErrors().keySet()));
    }
    return parts.isEmpty() ? "enroll" : String.join("; ", parts);
  }
}
