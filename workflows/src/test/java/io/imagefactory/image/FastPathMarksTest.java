package io.imagefactory.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.vulnerability.FastPathMark;
import io.imagefactory.vulnerability.FastPathPolicy;
import io.imagefactory.vulnerability.ScanSummary;
import io.imagefactory.vulnerability.Scans;
import io.imagefactory.vulnerability.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Marking candidates for the fast path, whatever order scans and candidates arrive in. */
class FastPathMarksTest {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final Duration WEEK = Duration.ofDays(7);
  static final String NODE = "node-22";

  final PendingDigest candidate =
      new PendingDigest(NODE, "sha256:new", T0, false, null, "sha256:old", null);
  final ScanSummary oldScan = Scans.of("sha256:old", T0, "CRITICAL:CVE-2025-0001");
  final ScanSummary fixedScan = Scans.of("sha256:new", T0);

  @Test
  void bothScansKnownAFixMarksTheCandidateWhichMaturesAtOnce() {
    List<PendingDigest> marked =
        FastPathMarks.mark(
            List.of(candidate), Map.of(NODE, List.of(fixedScan, oldScan)), FastPathPolicy.DEFAULT);

    assertThat(marked.get(0).fastPath().fixes()).containsExactly("CVE-2025-0001");
    assertThat(marked.get(0).maturesAt(WEEK)).isEqualTo(T0);
    assertThat(RebuildPolicy.hasMatured(marked, WEEK, T0)).isTrue();
  }

  @Test
  void withOneScanMissingNothingChanges() {
    List<PendingDigest> pending = List.of(candidate);

    assertThat(
            FastPathMarks.mark(pending, Map.of(NODE, List.of(fixedScan)), FastPathPolicy.DEFAULT))
        .isSameAs(pending);
    assertThat(FastPathMarks.mark(pending, Map.of(), FastPathPolicy.DEFAULT)).isSameAs(pending);
  }

  @Test
  void aCandidateThatFixesNothingSoaksAndLosesAMarkItHad() {
    PendingDigest marked =
        candidate.withFastPath(new FastPathMark(List.of("CVE-X"), Severity.CRITICAL, T0));
    ScanSummary stillVulnerable = Scans.of("sha256:new", T0, "CRITICAL:CVE-2025-0001");

    List<PendingDigest> next =
        FastPathMarks.mark(
            List.of(marked),
            Map.of(NODE, List.of(oldScan, stillVulnerable)),
            FastPathPolicy.DEFAULT);

    assertThat(next.get(0).fastPath()).isNull();
    assertThat(next.get(0).maturesAt(WEEK)).isEqualTo(T0.plus(WEEK));
  }

  @Test
  void policyOffClearsEveryMark() {
    PendingDigest marked =
        candidate.withFastPath(new FastPathMark(List.of("CVE-X"), Severity.CRITICAL, T0));

    assertThat(FastPathMarks.mark(List.of(marked), Map.of(), null).get(0).fastPath()).isNull();
  }

  @Test
  void aCandidateWhoseReplacedDigestIsUnknownIsNeverMarked() {
    PendingDigest unknownBaseline = new PendingDigest(NODE, "sha256:new", T0);

    assertThat(
            FastPathMarks.mark(
                    List.of(unknownBaseline),
                    Map.of(NODE, List.of(oldScan, fixedScan)),
                    FastPathPolicy.DEFAULT)
                .get(0)
                .fastPath())
        .isNull();
  }
}
