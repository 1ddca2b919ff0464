package io.imagefactory.staterepo;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The changes of one workflow's batch as one patch: they are applied, or rejected, together, so a
 * batch never lands half-way.
 */
record BatchPatch(String batchId, List<StatePatch> patches) implements StatePatch {

  /** The patch for a batch of state changes. */
  static BatchPatch of(StateChangeBatch batch) {
    return new BatchPatch(
        batch.batchId(), batch.changes().stream().map(BatchPatch::patchOf).toList());
  }

  static StatePatch patchOf(StateChange change) {
    if (change instanceof EnrollmentChange enrollment) {
      return new ApplyEnrollment(enrollment.analyses(), enrollment.at());
    }
    if (change instanceof ImageRuntimeChange runtime) {
      return new RecordImageRuntime(runtime.image(), runtime.runtime());
    }
    if (change instanceof BaseDigestChange digest) {
      return new RecordBaseDigest(digest.baseImage(), digest.digest(), digest.seenAt());
    }
    if (change instanceof ScanChange scan) {
      return new RecordScan(scan.owner(), scan.base(), scan.summary());
    }
    BasesWatchedChange watched = (BasesWatchedChange) change;
    return new MarkBasesWatched(watched.baseImages());
  }

  @Override
  public void applyTo(StateFiles files) {
    patches.forEach(p -> p.applyTo(files));
  }

  @Override
  public String describe() {
    return patches.stream().map(StatePatch::describe).collect(Collectors.joining("; "));
  }

  @Override
  public void reportTo(StateRepoMetrics metrics) {
    patches.forEach(p -> p.reportTo(metrics));
  }
}
