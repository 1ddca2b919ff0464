package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.whatif.WhatIfFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --what-if} offline on the generated fleet: golden table and JSON (re-recorded with
 * {@code -Dimage-factory.update-golden=true}), budget limits from the worker's config file and the
 * options, and clear errors for an unknown or malformed base.
 */
class PlanWhatIfCommandTest {

  static final String UPDATE_GOLDEN = "image-factory.update-golden";

  @TempDir Path dir;
  private Path state;

  @BeforeEach
  void writeFleet() throws IOException {
    state = WhatIfFleet.write(dir.resolve("state"));
  }

  private CliRun whatIf(String... extra) {
    String[] base = {
      "plan",
      "--state-dir",
      state.toString(),
      "--what-if",
      WhatIfFleet.NODE_REFERENCE,
      "--now",
      WhatIfFleet.NOW.toString(),
      "--runs-per-repository",
      "2",
      "--runs-per-host",
      "4",
      "--dispatches-per-hour",
      "6"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.run(args);
  }

  @Test
  void printsTheTimelineAsATable() throws IOException {
    CliRun run = whatIf();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertGolden("plan-what-if.txt", run.out());
  }

  @Test
  void printsTheTimelineAsJson() throws IOException {
    CliRun run = whatIf("--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertGolden("plan-what-if.json", run.out());
  }

  @Test
  void readsTheLimitsFromTheWorkersConfigFileAndTheOptionsWin() throws IOException {
    Path config = dir.resolve("application.yaml");
    Files.writeString(
        config,
        "image-factory:\n  rebuild-budget:\n    runs-per-repository: 1\n    runs-per-host: 3\n"
            + "    dispatches-per-hour: 100\n  github:\n    base-url: https://ghe.example.com/api/v3\n");
    CliRun run =
        CliRun.run(
            "plan",
            "--state-dir",
            state.toString(),
            "--what-if",
            WhatIfFleet.NODE_REFERENCE,
            "--now",
            WhatIfFleet.NOW.toString(),
            "--worker-config",
            config.toString(),
            "--runs-per-host",
            "5",
            "--run-duration",
            "30m");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "Budget: 1 runs per repository, 5 per CI host, 100 dispatches per host and hour;"
                + " every run assumed to take 30m")
        .contains("ghe.example.com/acme/shop")
        .contains("queued: 0 ahead for acme/shop (1 of 1 running)");
  }

  @Test
  void anUnknownBaseNamesTheClosestKnownOnes() {
    CliRun run =
        CliRun.run(
            "plan",
            "--state-dir",
            state.toString(),
            "--what-if",
            "docker.io/library/node:22-bookworm");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("the closest known: docker.io/library/node:22-bookworm-slim");
  }

  @Test
  void aMalformedReferenceIsRefusedBeforeAnythingIsRead() {
    CliRun run =
        CliRun.run(
            "plan", "--what-if", "docker.io/library/node", "--worker-url", "http://127.0.0.1:9");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("'docker.io/library/node' has no tag");
  }

  @Test
  void aBadConfigFileValueNamesTheKey() throws IOException {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "image-factory:\n  rebuild-budget:\n    runs-per-host: none\n");
    CliRun run =
        CliRun.run(
            "plan",
            "--state-dir",
            state.toString(),
            "--what-if",
            WhatIfFleet.NODE_REFERENCE,
            "--worker-config",
            config.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("image-factory.rebuild-budget.runs-per-host must be a whole number");
  }

  static void assertGolden(String name, String actual) throws IOException {
    Path project = Path.of(System.getProperty("image-factory.project-dir", ".."));
    Path golden = project.resolve("starter/src/test/resources/whatif").resolve(name);
    if (Boolean.getBoolean(UPDATE_GOLDEN)) {
      Files.writeString(golden, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(golden));
  }
}
