package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code report} on {@link ReportFleet}. The outputs are compared byte for byte with the golden
 * files under {@code src/test/resources/report/}; to re-record them after an intended change, run
 * {@code mvn -B -ntp -o test -pl starter -am -Dtest=ReportCommandTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dimage-factory.record-goldens=true} and review the diff.
 */
class ReportCommandTest {

  private static final Path GOLDEN = Path.of("src/test/resources/report");
  private static final boolean RECORD = Boolean.getBoolean("image-factory.record-goldens");
  private static final String NOW = ReportFleet.NOW.toString();

  @TempDir static Path dir;
  private static Path fleet;

  @BeforeAll
  static void createFleet() throws IOException {
    fleet = ReportFleet.create(dir.resolve("state.git"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"md", "html", "csv", "json"})
  void matchesTheGoldenFile(String format) throws IOException {
    CliRun run = report("--format", format);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertGolden("fleet." + format, run.out());
  }

  @Test
  void sinceLimitsTheAuditTrailButNotTheImages() throws IOException {
    CliRun run = report("--format", "md", "--since", "2025-02-01");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertGolden("fleet-since-2025-02-01.md", run.out());
    JsonNode json = json(report("--format", "json", "--since", "2025-01-27T00:00:00Z").out());
    assertThat(json.path("audit").findValuesAsText("id"))
        .containsExactly("api#2", "web#1", "worker#1");
    assertThat(json.path("images")).hasSize(4);
  }

  @Test
  void readsRebuildsTheStateFileNoLongerKeepsAndImagesSinceRemoved() {
    JsonNode json = json(report("--format", "json").out());

    assertThat(json.path("audit").findValuesAsText("id"))
        .containsExactly("legacy#1", "api#1", "api#2", "web#1", "worker#1");
    JsonNode api1 = json.path("audit").get(1);
    assertThat(api1.path("outcomes").findValuesAsText("outcome"))
        .containsExactly("dispatching", "dispatched", "built");
    assertThat(api1.path("outcomes").get(1).path("committedAt").asText())
        .isEqualTo("2025-01-10T09:05:00Z");
    assertThat(json.path("summary").path("rebuildsByOutcome").toString())
        .isEqualTo("{\"built\":3,\"failed\":1,\"rejected\":1}");
  }

  @Test
  void staleAfterMovesTheLine() {
    JsonNode thirty = json(report("--format", "json").out());
    JsonNode ten = json(report("--format", "json", "--stale-after", "10d").out());
    JsonNode sixty = json(report("--format", "json", "--stale-after", "60d").out());

    assertThat(staleNames(thirty)).isEqualTo("[api]");
    // worker was built 2025-02-10 and is behind: stale once ten days have gone by.
    assertThat(staleNames(ten)).isEqualTo("[api, worker]");
    assertThat(staleNames(sixty)).isEqualTo("[]");
    assertThat(ten.path("summary").path("stale").asInt()).isEqualTo(2);
  }

  @Test
  void theHtmlEscapesHostileStateAndRunsNoScript() {
    String html = report("--format", "html").out();

    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("default-src 'none'");
  }

  @Test
  void anEmptyFleetGivesAnEmptyReport() throws IOException {
    Path empty = ReportFleet.empty(dir.resolve("empty.git"));
    CliRun run =
        CliRun.run("report", "--state-dir", empty.toString(), "--now", NOW, "--format", "md");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("No image is enrolled.")
        .contains("No rebuild was asked for in the period.")
        .contains("Stale: 0 of 0 managed images.");
    CliRun csv =
        CliRun.run("report", "--state-dir", empty.toString(), "--now", NOW, "--format", "csv");
    assertThat(csv.out().split("\r\n")).hasSize(1);
  }

  @Test
  void aBadSinceIsAUsageError() {
    CliRun run = report("--since", "last tuesday");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("--since")
        .contains("'last tuesday' is not a date (2025-01-31) or a time (2025-01-31T10:00:00Z)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aSinceAfterTheReportsTimeIsRefused() {
    CliRun run = report("--since", "2025-04-01");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("--since 2025-04-01T00:00:00Z is after the report's time");
  }

  @Test
  void writesTheOutputFile() throws IOException {
    Path file = dir.resolve("report.html");
    CliRun run = report("--format", "html", "--output", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("Wrote the html report to ").contains("4 images, 5 rebuilds");
    assertThat(Files.readString(file)).isEqualTo(report("--format", "html").out());
  }

  @Test
  void clonesARemoteStateRepository() {
    CliRun run =
        CliRun.run(
            "report", "--state-repo", fleet.toUri().toString(), "--now", NOW, "--format", "json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(json(run.out()).path("audit")).hasSize(5);
  }

  private static CliRun report(String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "report";
    args[1] = "--state-dir";
    args[2] = fleet.toString();
    args[3] = "--now";
    args[4] = NOW;
    System.arraycopy(options, 0, args, 5, options.length);
    return CliRun.run(args);
  }

  private static String staleNames(JsonNode report) {
    StringBuilder names = new StringBuilder("[");
    for (JsonNode image : report.path("images")) {
      if (image.path("stale").asBoolean()) {
        names.append(names.length() > 1 ? ", " : "").append(image.path("name").asText());
      }
    }
    return names.append(']').toString();
  }

  private static void assertGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (RECORD) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as("golden file %s (record with -Dimage-factory.record-goldens=true)", file)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static JsonNode json(String text) {
    try {
      return CliJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(text, e);
    }
  }
}
