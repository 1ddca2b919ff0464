package io.imagefactory.starter;

import static io.imagefactory.starter.Images.NODE;
import static io.imagefactory.starter.Images.digest;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.statefiles.ImageRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApproveCommandTest {

  private final ActivityRecorder activities = new ActivityRecorder();
  private PortBoundTemporal temporal;

  @BeforeEach
  void startTemporal() {
    temporal = new PortBoundTemporal(activities);
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void approvesAMaturedRebuildAndShowsTheDispatch() {
    Instant firstSeen = temporal.now();
    Images.start(
        temporal.client,
        Images.managed("reports", false, List.of(NODE), List.of()),
        Images.pending(NODE, digest(5), firstSeen));
    temporal.skip(Images.WEEK.plus(Duration.ofMinutes(1)));
    CliRun waiting = CliRun.run("status", "reports", "--temporal", temporal.target);
    assertThat(waiting.out())
        .contains("approval        awaiting approval; run: image-factory approve reports");
    assertThat(activities.rebuilds).isEmpty();

    CliRun run = CliRun.run("approve", "reports", "--by", "alice", "--temporal", temporal.target);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(activities.rebuilds).hasSize(1);
    RebuildRequest rebuild = activities.rebuilds.get(0);
    assertThat(rebuild.trigger()).isEqualTo("approval");
    assertThat(rebuild.baseDigests()).isEqualTo(Map.of(NODE, digest(5)));
    assertThat(run.out())
        .startsWith("Approved the rebuild of reports:\n")
        .contains(
            "  reports#1 requested "
                + TextFormats.instant(rebuild.requestedAt())
                + " (trigger: approval): dispatched\n")
        .contains("  run https://github.com/example-org/reports/actions/runs/1\n")
        .contains("  for " + NODE + " " + digest(5) + "\n");
  }

  @Test
  void refusesWhenNothingAwaitsApproval() {
    Images.start(
        temporal.client,
        Images.managed("api", true, List.of(NODE), List.of()),
        ImageRuntime.empty());

    CliRun run = CliRun.run("approve", "api", "--temporal", temporal.target);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).isEqualTo("image api has no rebuild awaiting approval\n");
    assertThat(activities.rebuilds).isEmpty();
  }

  @Test
  void refusesAnUnknownImage() {
    CliRun run = CliRun.run("approve", "ghost", "--temporal", temporal.target);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("no image named 'ghost' is enrolled");
  }
}
