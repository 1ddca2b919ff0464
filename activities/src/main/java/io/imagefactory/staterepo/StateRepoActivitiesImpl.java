package io.imagefactory.staterepo;

import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Commits batches of state changes through the state repository: one commit per call. */
public class StateRepoActivitiesImpl implements StateRepoActivities {

  static final String DERIVED_PREFIX = "dist/";

  private final StateRepository repository;

  public StateRepoActivitiesImpl(StateRepository repository) {
    this.repository = repository;
  }

  @Override
  public CommitResult commit(CommitRequest request) {
    List<BatchPatch> patches = request.batches().stream().map(BatchPatch::of).toList();
    ApplyResult result;
    try {
      result = repository.apply(patches);
    } catch (StateRepositoryException e) {
      if (e.retryable()) {
        throw e;
      }
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "StateRepositoryRefused");
    }
    Map<String, String> rejected = new HashMap<>();
    for (PatchRejection rejection : result.rejected()) {
      rejected.put(patches.get(rejection.index()).batchId(), rejection.reason());
    }
    boolean derivedChanged =
        result.changedPaths().stream().anyMatch(p -> p.startsWith(DERIVED_PREFIX));
    return new CommitResult(result.commitId(), result.committed(), derivedChanged, rejected);
  }
}
