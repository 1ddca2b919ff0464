package io.imagefactory.enrollment.plan;

import io.imagefactory.statefiles.FileChange;
import java.util.Comparator;
import java.util.List;

/**
 * The exact file changes an enrollment makes to the state repository, sorted by path, and a
 * readable account of them. An empty plan means the repository is already up to date.
 */
public record EnrollmentPlan(List<FileChange> changes, PlanSummary summary) {

  public EnrollmentPlan {
    changes = changes.stream().sorted(Comparator.comparing(FileChange::path)).toList();
  }

  /** True when enrollment would change nothing. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
