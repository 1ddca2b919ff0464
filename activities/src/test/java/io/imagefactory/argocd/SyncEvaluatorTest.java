package io.imagefactory.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncEvaluatorTest {

  private static final String REV = Applications.REVISION;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # case                                   | sync revs   | sync      | health      | op phase  | op revs | outcome
          synced and healthy                       | REV         | Synced    | Healthy     | Succeeded | REV     | SYNCED
          synced, healthy, no operation recorded   | REV         | Synced    | Healthy     | -         | -       | SYNCED
          multi-source, ours among them            | OTHER REV   | Synced    | Healthy     | -         | -       | SYNCED
          short sha of ours                        | REV         | Synced    | Healthy     | -         | -       | SYNCED
          still at the old revision                | OLD         | Synced    | Healthy     | Succeeded | OLD     | waiting
          ours, not yet synced                     | REV         | OutOfSync | Healthy     | Running   | REV     | waiting
          ours, synced, still progressing          | REV         | Synced    | Progressing | Running   | REV     | waiting
          ours, synced, degraded mid-operation     | REV         | Synced    | Degraded    | Running   | REV     | waiting
          ours, synced, degraded after operation   | REV         | Synced    | Degraded    | Succeeded | REV     | DEGRADED
          operation for ours failed                | OLD         | OutOfSync | Healthy     | Failed    | REV     | OPERATION_FAILED
          operation for ours errored               | OLD         | OutOfSync | Healthy     | Error     | REV     | OPERATION_FAILED
          failed operation of an older revision    | OLD         | OutOfSync | Healthy     | Failed    | OLD     | waiting
          failed operation without revision, ours  | REV         | OutOfSync | Healthy     | Failed    | -       | OPERATION_FAILED
          never compared yet                       | -           | -         | -           | -         | -       | waiting
          """)
  void decidesWhenTheWaitIsOver(
      String description,
      String syncRevs,
      String sync,
      String health,
      String phase,
      String opRevs,
      String outcome) {
    String wanted = description.startsWith("short sha") ? REV.substring(0, 8) : REV;
    ApplicationStatus status =
        new ApplicationStatus(
            revisions(syncRevs), sync, health, "why", phase, "what", revisions(opRevs), List.of());

    String decided =
        SyncEvaluator.evaluate(status, wanted)
            .map(result -> result.status().name())
            .orElse("waiting");

    assertThat(decided).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @CsvSource({
    "4B1C9E2F0A7D3C5B6E8F9A0B1C2D3E4F5A6B7C8D, 4b1c9e2f0a7d3c5b6e8f9a0b1c2d3e4f5a6b7c8d, true",
    "4b1c9e2f0a7d3c5b6e8f9a0b1c2d3e4f5a6b7c8d, 4b1c9e2, true",
    "4b1c9e2f0a7d3c5b6e8f9a0b1c2d3e4f5a6b7c8d, 4b1c9e, false",
    "4b1c9e2f0a7d3c5b6e8f9a0b1c2d3e4f5a6b7c8d, 4b1c9e3, false"
  })
  void matchesFullIdsIgnoringCaseAndShortIdsAsPrefix(
      String observed, String wanted, boolean matches) {
    assertThat(SyncEvaluator.contains(List.of(observed), wanted, RevisionHistory.SAME_COMMIT))
        .isEqualTo(matches);
  }

  private static List<String> revisions(String names) {
    if (names == null) {
      return List.of();
    }
    return Arrays.stream(names.split(" "))
        .map(
            name ->
                switch (name) {
                  case "REV" -> REV;
                  case "OLD" -> Applications.OLD_REVISION;
                  default -> "1234567890abcdef1234567890abcdef12345678";
                })
        .toList();
  }
}
