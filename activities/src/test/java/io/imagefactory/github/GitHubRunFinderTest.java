package io.imagefactory.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.RunRef;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubRunFinderTest {

  static final String RUNS = GitHubCiProviderTest.RUNS;
  static final Instant AT = MutableClock.START;

  final MutableClock clock = new MutableClock();
  FakeGitHub github;
  GitHubRunFinder finder;

  @BeforeEach
  void start() {
    github = FakeGitHub.start();
    finder = new GitHubRunFinder(new GitHubApi(github.baseUrl()), clock);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  GitHubRunFinder.Runs find(String... runs) throws CiException {
    github.on("GET", RUNS, Fixtures.runs(runs));
    CiDispatch dispatch =
        new CiDispatch("api", "api#3", "acme/api", "build.yml", "main", Map.of(), AT, true);
    return finder.find(dispatch, "token");
  }

  @Test
  void theRunNamingTheRebuildIsOursAmongOthers() throws CiException {
    GitHubRunFinder.Runs runs =
        find(
            Fixtures.run(1, "Rebuild api#2 (timer)", AT, "queued", null),
            Fixtures.run(2, "build", AT, "queued", null),
            Fixtures.run(3, "Rebuild api#3 (approval)", AT, "queued", null));

    assertThat(runs.identified()).map(RunRef::runId).contains("3");
  }

  @Test
  void anotherImageOrALaterRebuildIsNotOurs() throws CiException {
    GitHubRunFinder.Runs runs =
        find(
            Fixtures.run(1, "Rebuild web-api#3 (timer)", AT, "queued", null),
            Fixtures.run(2, "Rebuild api#31 (timer)", AT, "queued", null));

    assertThat(runs.none()).isTrue();
    assertThat(runs.identified()).isEmpty();
  }

  @Test
  void theOnlyRunNamingNoRebuildIsTaken() throws CiException {
    GitHubRunFinder.Runs runs =
        find(
            Fixtures.run(1, "Rebuild api#2 (timer)", AT, "completed", "success"),
            Fixtures.run(2, "build", AT.plusSeconds(4), "queued", null));

    assertThat(runs.identified()).map(RunRef::runId).contains("2");
  }

  @Test
  void twoRunsNamingTheRebuildAreNotDecidedBetween() throws CiException {
    GitHubRunFinder.Runs runs =
        find(
            Fixtures.run(1, "Rebuild api#3 (timer)", AT, "queued", null),
            Fixtures.run(2, "Rebuild api#3 (timer)", AT, "queued", null));

    assertThat(runs.identified()).isEmpty();
    assertThat(runs.describe()).isEqualTo("2 runs could be api#3 (1, 2), all naming it");
  }

  @Test
  void runsOfOtherBranchesOtherEventsOrFromBeforeTheRequestAreNotCandidates() throws CiException {
    // As an older Enterprise Server might list them, ignoring the query's filters.
    GitHubRunFinder.Runs runs =
        find(
            Fixtures.run(1, "build", AT, "queued", null, "feature", "workflow_dispatch"),
            Fixtures.run(2, "build", AT, "queued", null, "main", "push"),
            Fixtures.run(3, "build", AT.minusSeconds(600), "completed", "success"),
            Fixtures.run(4, "build", AT.minusSeconds(30), "queued", null));

    assertThat(runs.identified()).map(RunRef::runId).contains("4");
  }

  @Test
  void listsFromAMinuteBeforeTheRequestOnTheBranchOfTheRef() throws CiException {
    github.on("GET", RUNS, Fixtures.runs());
    CiDispatch dispatch =
        new CiDispatch(
            "api", "api#3", "acme/api", "build.yml", "refs/heads/release/2.x", Map.of(), AT, true);

    finder.find(dispatch, "token");

    assertThat(github.requests("GET", RUNS).get(0).query())
        .isEqualTo(
            "event=workflow_dispatch&branch=release%2F2.x&created=%3E%3D2025-06-02T09%3A29%3A00Z"
                + "&per_page=100");
  }

  @Test
  void readsRebuildIdsAsWholeWords() {
    assertThat(GitHubRunFinder.rebuildIds("Rebuild api#3 for base-node.v2#12, PR #40"))
        .containsExactlyInAnyOrder("api#3", "base-node.v2#12");
    assertThat(GitHubRunFinder.rebuildIds("merge #12 into main")).isEmpty();
  }
}
