package io.imagefactory.image;

import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.vulnerability.FastPath;
import io.imagefactory.vulnerability.FastPathMark;
import io.imagefactory.vulnerability.FastPathPolicy;
import io.imagefactory.vulnerability.ScanRecords;
import io.imagefactory.vulnerability.ScanSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marks the candidates that take the fast path, pure: each candidate is compared with the base
 * digest it replaces, by the scans the image knows of its bases. Run again whenever a scan or a
 * candidate arrives, in whatever order they come. A candidate keeps its mark while one of the two
 * scans is unknown (a restarted workflow has only the state file's marks), and loses it once both
 * are known and it fixes nothing, or when the policy is off.
 */
final class FastPathMarks {

  private FastPathMarks() {}

  static List<PendingDigest> mark(
      List<PendingDigest> pending, Map<String, List<ScanSummary>> scans, FastPathPolicy policy) {
    List<PendingDigest> next = new ArrayList<>(pending.size());
    for (PendingDigest candidate : pending) {
      next.add(candidate.withFastPath(markOf(candidate, scans, policy)));
    }
    return next.equals(pending) ? pending : List.copyOf(next);
  }

  private static FastPathMark markOf(
      PendingDigest candidate, Map<String, List<ScanSummary>> scans, FastPathPolicy policy) {
    if (policy == null) {
      return null;
    }
    List<ScanSummary> ofBase = scans.getOrDefault(candidate.baseImage(), List.of());
    Optional<ScanSummary> current = ScanRecords.find(ofBase, candidate.replaces());
    Optional<ScanSummary> scanned = ScanRecords.find(ofBase, candidate.digest());
    if (current.isEmpty() || scanned.isEmpty()) {
      return candidate.fastPath();
    }
    return FastPath.decide(policy, current.get(), scanned.get(), candidate.firstSeen())
        .orElse(null);
  }
}
