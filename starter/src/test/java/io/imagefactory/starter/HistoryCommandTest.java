package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.staterepo.GitFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {

  private static final String API =
      """
      name: api
      enrolledAt: "2025-01-06T10:00:00Z"
      enrollment:
        registry: ghcr.io
        repository: example-org/api
        source:
          provider: github
          dockerfile: example-images/api/Dockerfile
          workflow: build-api.yml
        rebuildDelay: 7d
        autoRebuild: true
      baseImages:
        - golang-1.23-bookworm
      rebuildState:
        status: monitoring
        pendingRebuild: false
      """;

  @TempDir Path dir;
  private Path repo;

  @BeforeEach
  void commitFourVersions() throws IOException {
    repo = dir.resolve("state.git");
    try (Repository git = GitFixtures.bare(repo)) {
      commit(git, "enroll api", API);
      commit(
          git,
          "api#1 dispatching",
          API + rebuild("last", 1, "2025-01-14T10:00:00Z", "dispatching"));
      commit(git, "unrelated", null);
      commit(git, "api#1 succeeded", API + rebuild("last", 1, "2025-01-14T10:00:00Z", "succeeded"));
      commit(
          git,
          "api#2 failed",
          API
              + rebuild("last", 2, "2025-01-21T10:00:00Z", "failed")
              + rebuild("history", 1, "2025-01-14T10:00:00Z", "succeeded"));
    }
  }

  @Test
  void listsEachRebuildOnceNewestFirstWithItsLatestOutcome() {
    CliRun run = CliRun.run("history", "api", "--state-dir", repo.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines())
        .hasSize(3)
        .first()
        .asString()
        .startsWith("REBUILD  REQUESTED             TRIGGER  OUTCOME    COMMIT");
    assertThat(run.out().lines().skip(1))
        .satisfiesExactly(
            line ->
                assertThat(line).startsWith("api#2    2025-01-21T10:00:00Z  timer    failed    "),
            line ->
                assertThat(line).startsWith("api#1    2025-01-14T10:00:00Z  timer    succeeded "));
  }

  @Test
  void printsJsonAndClonesARemote() {
    CliRun run = CliRun.run("history", "api", "--state-repo", repo.toUri().toString(), "--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    JsonNode list = read(run.out());
    assertThat(list).hasSize(2);
    assertThat(list.get(0).path("rebuild").path("id").asText()).isEqualTo("api#2");
    assertThat(list.get(1).path("rebuild").path("outcome").asText()).isEqualTo("succeeded");
    assertThat(list.get(1).path("commit").asText()).hasSize(12);
  }

  @Test
  void refusesAnImageNoCommitHas() {
    CliRun run = CliRun.run("history", "nope", "--state-dir", repo.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("no commit of the state repository has images/nope.yaml");
  }

  @Test
  void needsOneSource() {
    assertThat(CliRun.run("history", "api").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
  }

  private static void commit(Repository git, String message, String api) throws IOException {
    GitFixtures.commit(
        git,
        "main",
        message,
        api == null ? Map.of("images.yaml", message + "\n") : Map.of("images/api.yaml", api));
  }

  private static String rebuild(String where, int n, String requestedAt, String outcome) {
    String indent = where.equals("last") ? "    " : "      ";
    String head = where.equals("last") ? "  lastRebuild:\n" : "  history:\n    - ";
    String first = where.equals("last") ? indent : "";
    return head
        + first
        + "id: api#"
        + n
        + "\n"
        + indent
        + "requestedAt: \""
        + requestedAt
        + "\"\n"
        + indent
        + "trigger: timer\n"
        + indent
        + "outcome: "
        + outcome
        + "\n";
  }

  private static JsonNode read(String json) {
    try {
      return CliJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(json, e);
    }
  }
}
