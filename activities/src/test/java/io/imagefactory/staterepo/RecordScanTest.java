package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.vulnerability.Finding;
import io.imagefactory.vulnerability.ScanRecords;
import io.imagefactory.vulnerability.ScanSummary;
import io.imagefactory.vulnerability.Severity;
import io.imagefactory.vulnerability.SeverityCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class RecordScanTest {

  private static final Instant SCANNED = Instant.parse("2025-02-01T10:00:00Z");

  @TempDir Path tmp;
  private StateFixture fixture;
  private StateFiles files;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new StateFixture(tmp.resolve("state.git"));
    files = fixture.files();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  static ScanSummary scan(String digest, Instant at, String... critical) {
    SeverityCounts counts = SeverityCounts.NONE;
    for (int i = 0; i < critical.length; i++) {
      counts = counts.plus(Severity.CRITICAL);
    }
    return new ScanSummary(
        digest,
        "trivy 0.58.1",
        at,
        counts,
        Severity.HIGH,
        java.util.Arrays.stream(critical).map(id -> new Finding(id, Severity.CRITICAL)).toList(),
        false);
  }

  @Test
  void recordsTheScanInTheBaseStateFileAfterItsOtherFields() {
    ScanSummary summary = scan("sha256:node-22-1", SCANNED, "CVE-2025-0001");

    StateFixture.assertIdempotent(new RecordScan("node-22", true, summary), files);

    assertThat(StateFixture.base(files, "node-22").scans()).containsExactly(summary);
    String text =
        new String(files.read("base-images/node-22.yaml").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(text.indexOf("scans:")).isGreaterThan(text.indexOf("dependentImages:"));
    assertThat(text).contains("- id: CVE-2025-0001", "severity: CRITICAL", "scanner: trivy 0.58.1");
  }

  @Test
  void recordsTheScanOfAnExternalImageInItsStateFile() {
    ScanSummary summary = scan("sha256:pg-1", SCANNED);

    new RecordScan("postgres", false, summary).applyTo(files);

    ExternalImageState postgres = StateFixture.external(files, "postgres");
    assertThat(postgres.scans()).containsExactly(summary);
    assertThat(postgres.dependentImages()).containsExactly("web");
  }

  @Test
  void anOlderScanOfTheSameDigestChangesNothingAndTheDigestsAreBounded() {
    new RecordScan("node-22", true, scan("sha256:d", SCANNED, "CVE-1")).applyTo(files);
    int before = files.modifications();
    new RecordScan("node-22", true, scan("sha256:d", SCANNED.minusSeconds(60))).applyTo(files);
    assertThat(files.modifications()).isEqualTo(before);

    for (int i = 0; i < ScanRecords.LIMIT + 3; i++) {
      new RecordScan("node-22", true, scan("sha256:n" + i, SCANNED.plusSeconds(i))).applyTo(files);
    }
    List<ScanSummary> scans = StateFixture.base(files, "node-22").scans();
    assertThat(scans).hasSize(ScanRecords.LIMIT);
    assertThat(scans.get(scans.size() - 1).digest()).isEqualTo("sha256:n12");
  }

  @Test
  void aScanForAnOwnerWhoseFileIsGoneIsSkipped() {
    int before = files.modifications();

    new RecordScan("gone", true, scan("sha256:x", SCANNED)).applyTo(files);
    new RecordScan("gone", false, scan("sha256:x", SCANNED)).applyTo(files);

    assertThat(files.modifications()).isEqualTo(before);
  }

  @Test
  void theRecordSurvivesTheNextDigestOfTheBase() {
    ScanSummary summary = scan("sha256:node-22-1", SCANNED, "CVE-2025-0001");
    new RecordScan("node-22", true, summary).applyTo(files);

    new RecordBaseDigest("node-22", "sha256:node-22-2", SCANNED.plusSeconds(5)).applyTo(files);
    new MarkBasesWatched(List.of("node-22")).applyTo(files);

    assertThat(StateFixture.base(files, "node-22").scans()).containsExactly(summary);
  }

  @Test
  void anOwnerNameThatIsNotAStateFileNameRejectsThePatchAndWritesNothing() {
    int before = files.modifications();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new RecordScan("../../etc/passwd", true, scan("sha256:x", SCANNED)).applyTo(files))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new RecordScan("a/b", false, scan("sha256:x", SCANNED)).applyTo(files))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(files.modifications()).isEqualTo(before);
  }
}
