package io.imagefactory.enrollment;

import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.AnalysisTarget;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.SourceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Decides which managed images an enrollment analyses, grouped by repository so each is fetched
 * once: new images, images that were external, images whose source changed (Dockerfile or rebuild
 * target), images whose last analysis did not succeed or found their rebuild target invalid (so a
 * fixed workflow file is seen by the next enrollment), and the images the request names.
 */
public final class AnalysisSelection {

  private AnalysisSelection() {}

  static boolean needsAnalysis(ImageEntry entry, ImageState state, EnrollmentRequest request) {
    if (request.reanalyzeAll() || request.reanalyze().contains(entry.name())) {
      return true;
    }
    if (!(state instanceof ManagedImageState managed)) {
      return true;
    }
    if (managed.discoveryStatus() != DiscoveryStatus.SUCCESS || !managed.buildErrors().isEmpty()) {
      return true;
    }
    SourceConfig before = managed.enrollment() == null ? null : managed.enrollment().source();
    return before == null || !sameBuild(before, entry.source());
  }

  /** What the analysis of {@code entry} reads: its Dockerfile and its rebuild target. */
  public static AnalysisTarget targetOf(ImageEntry entry) {
    SourceConfig source = entry.source();
    return new AnalysisTarget(
        entry.name(),
        source.effectiveBranch(),
        source.dockerfile(),
        source.buildArgs(),
        source.provider(),
        source.workflow(),
        source.workflowInputs());
  }

  /** Groups the targets by repository, in a stable order; the state repository's group last. */
  static List<AnalysisGroup> group(List<ImageEntry> entries, String stateCommitId) {
    Map<String, List<AnalysisTarget>> byRepo = new TreeMap<>();
    List<AnalysisTarget> local = new ArrayList<>();
    for (ImageEntry entry : entries) {
      SourceConfig source = entry.source();
      AnalysisTarget target = targetOf(entry);
      if (source.inStateRepo()) {
        local.add(target);
      } else {
        byRepo.computeIfAbsent(source.repo(), r -> new ArrayList<>()).add(target);
      }
    }
    List<AnalysisGroup> groups = new ArrayList<>();
    byRepo.forEach((repo, targets) -> groups.add(new AnalysisGroup(repo, null, targets)));
    if (!local.isEmpty()) {
      groups.add(new AnalysisGroup(null, stateCommitId, local));
    }
    return groups;
  }

  private static boolean sameBuild(SourceConfig a, SourceConfig b) {
    return Objects.equals(a.repo(), b.repo())
        && Objects.equals(a.effectiveBranch(), b.effectiveBranch())
        && Objects.equals(a.dockerfile(), b.dockerfile())
        && Objects.equals(a.buildArgs(), b.buildArgs())
        && Objects.equals(a.provider(), b.provider())
        && Objects.equals(a.workflow(), b.workflow())
        && Objects.equals(a.workflowInputs(), b.workflowInputs());
  }
}
