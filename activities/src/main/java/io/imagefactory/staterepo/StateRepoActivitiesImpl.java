package io.imagefactory.staterepo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits batches of state changes through the state repository: one commit per call. Once a commit
 * is pushed, what it did is counted in the metrics: the commit, its rejected pushes, and what its
 * patches report (lifecycle transitions, rebuild milestones).
 */
public class StateRepoActivitiesImpl implements StateRepoActivities {

  static final String DERIVED_PREFIX = "dist/";

  private static final Logger log = LoggerFactory.getLogger(StateRepoActivitiesImpl.class);

  private final StateRepository repository;
  private final StateRepoMetrics metrics;

  public StateRepoActivitiesImpl(StateRepository repository) {
    this(repository, StateRepoMetrics.NONE);
  }

  public StateRepoActivitiesImpl(StateRepository repository, StateRepoMetrics metrics) {
    this.repository = repository;
    this.metrics = metrics;
  }

  @Override
  public CommitResult commit(CommitRequest request) {
    List<BatchPatch> patches = request.batches().stream().map(BatchPatch::of).toList();
    ApplyResult result;
    try {
      result = repository.apply(patches);
    } catch (StateRepositoryException e) {
      metrics.commit(StateRepoMetrics.FAILED, 0);
      throw StateRepositoryFailure.of(
          e, "State commit of " + patches.size() + " batch(es) failed", log);
    }
    Map<String, String> rejected = new HashMap<>();
    Set<Integer> rejectedIndexes = new HashSet<>();
    for (PatchRejection rejection : result.rejected()) {
      rejected.put(patches.get(rejection.index()).batchId(), rejection.reason());
      rejectedIndexes.add(rejection.index());
    }
    count(result, patches, rejectedIndexes);
    boolean derivedChanged =
        result.changedPaths().stream().anyMatch(p -> p.startsWith(DERIVED_PREFIX));
    return new CommitResult(
        result.commitId(), result.committed(), derivedChanged, rejected, result.problems());
  }

  private void count(ApplyResult result, List<BatchPatch> patches, Set<Integer> rejected) {
    metrics.commit(
        result.committed() ? StateRepoMetrics.COMMITTED : StateRepoMetrics.UNCHANGED,
        Math.max(0, result.attempts() - 1));
    if (result.committed()) {
      for (int i = 0; i < patches.size(); i++) {
        if (!rejected.contains(i)) {
          patches.get(i).reportTo(metrics);
        }
      }
    }
  }
}
