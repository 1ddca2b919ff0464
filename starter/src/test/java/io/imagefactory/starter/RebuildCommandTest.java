package io.imagefactory.starter;

import static io.imagefactory.starter.Images.NODE;
import static io.imagefactory.starter.Images.digest;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.statefiles.ImageRuntime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RebuildCommandTest {

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
  void rebuildsNowOnTheDigestThatHasNotMatured() {
    Images.start(
        temporal.client,
        Images.managed("api", true, List.of(NODE), List.of()),
        Images.pending(NODE, digest(3), temporal.now()));

    CliRun run = CliRun.run("rebuild", "api", "--now", "--temporal", temporal.target);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(activities.rebuilds).hasSize(1);
    RebuildRequest rebuild = activities.rebuilds.get(0);
    assertThat(rebuild.trigger()).isEqualTo("now");
    assertThat(rebuild.baseDigests()).isEqualTo(Map.of(NODE, digest(3)));
    assertThat(run.out())
        .startsWith("Rebuilding api now:\n")
        .contains(
            "  api#1 requested "
                + TextFormats.instant(rebuild.requestedAt())
                + " (trigger: now): dispatched\n")
        .contains("  run https://github.com/example-org/api/actions/runs/1\n");
  }

  @Test
  void withoutNowExplainsThatRebuildsFollowTheDelay() {
    Images.start(
        temporal.client,
        Images.managed("api", true, List.of(NODE), List.of()),
        ImageRuntime.empty());

    CliRun run = CliRun.run("rebuild", "api", "--temporal", temporal.target);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("rebuilds of api follow its rebuild delay on their own")
        .contains("image-factory rebuild api --now");
    assertThat(activities.rebuilds).isEmpty();
  }

  @Test
  void refusesAnExternalImage() {
    Images.start(temporal.client, Images.external("postgres"), ImageRuntime.empty());

    CliRun run = CliRun.run("rebuild", "postgres", "--now", "--temporal", temporal.target);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .isEqualTo("image postgres is external: Image Factory does not build it\n");
  }
}
