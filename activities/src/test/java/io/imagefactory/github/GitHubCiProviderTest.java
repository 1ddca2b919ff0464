package io.imagefactory.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.github.FakeGitHub.Request;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RunRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubCiProviderTest {

  static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
  static final String DISPATCHES = "/repos/acme/api/actions/workflows/build.yml/dispatches";
  static final String RUNS = "/repos/acme/api/actions/workflows/build.yml/runs";
  static final String CONTENTS = "/repos/acme/api/contents/.github/workflows/build.yml";

  /** The parser stand-in: it knows the fixture workflow and nothing else. */
  static final Function<String, Optional<Set<String>>> DECLARED =
      text ->
          text.startsWith("name: build")
              ? Optional.of(Set.of("rebuild-id", "reason", "node-image"))
              : Optional.empty();

  static final Map<String, String> INPUTS =
      Map.of(
          "rebuild-id", "api#3",
          "node-image", "docker.io/library/node:22-bookworm-slim@sha256:4f6b1c2d",
          "cache-bust", "1");

  final MutableClock clock = new MutableClock();
  FakeGitHub github;
  Path tokenFile;
  GitHubCiProvider provider;

  @BeforeEach
  void start(@TempDir Path dir) throws IOException {
    github = FakeGitHub.start();
    github.on("GET", CONTENTS, Fixtures.contents(Fixtures.raw("github/build.yml")));
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    provider = provider(DECLARED, tokenFile);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  GitHubCiProvider provider(Function<String, Optional<Set<String>>> declared, Path tokenFile) {
    return new GitHubCiProvider(
        new GitHubApi(github.baseUrl()), new GitHubTokenFile(tokenFile), declared, clock);
  }

  static CiDispatch dispatch(String rebuildId, boolean retry) {
    Map<String, String> inputs = new java.util.HashMap<>(INPUTS);
    inputs.put("rebuild-id", rebuildId);
    return new CiDispatch(
        "api", rebuildId, "acme/api", "build.yml", "main", inputs, MutableClock.START, retry);
  }

  @Test
  void dispatchesAndTakesTheRunGitHubNames() throws CiException {
    github.on(
        "POST",
        DISPATCHES,
        Answer.fixture(200, "github/dispatch-run-details.json", "id", "9876543210"));

    RebuildDispatch result = provider.dispatch(dispatch("api#3", false));

    assertThat(result.outcome()).isEqualTo(RebuildDispatch.DISPATCHED);
    assertThat(result.run())
        .isEqualTo(
            new RunRef(
                "github",
                "acme/api",
                "9876543210",
                "https://github.com/acme/api/actions/runs/9876543210"));
    assertThat(result.runUrl()).isEqualTo(result.run().url());
    Request post = github.requests("POST", DISPATCHES).get(0);
    assertThat(post.header("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(post.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(post.header("User-Agent")).isEqualTo("image-factory");
    assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(post.header("Content-Type")).isEqualTo("application/json");
    assertThat(post.json().path("ref").asText()).isEqualTo("main");
    assertThat(post.json().path("return_run_details").asBoolean()).isTrue();
    assertThat(github.requests("GET", RUNS)).isEmpty();
  }

  @Test
  void sendsOnlyTheInputsTheWorkflowDeclaresAtTheRef() throws CiException {
    github.on(
        "POST", DISPATCHES, Answer.fixture(200, "github/dispatch-run-details.json", "id", "1"));

    RebuildDispatch result = provider.dispatch(dispatch("api#3", false));

    Request read = github.requests("GET", CONTENTS).get(0);
    assertThat(read.query()).isEqualTo("ref=main");
    assertThat(read.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    Request post = github.requests("POST", DISPATCHES).get(0);
    assertThat(post.json().path("inputs").properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("node-image", "rebuild-id");
    assertThat(post.json().path("inputs").path("node-image").asText())
        .isEqualTo("docker.io/library/node:22-bookworm-slim@sha256:4f6b1c2d");
    assertThat(result.detail())
        .contains("inputs [node-image, rebuild-id]")
        .contains("left out as not declared by the workflow: [cache-bust]");
  }

  @Test
  void sendsEveryInputWhenTheParserCannotTell() throws Exception {
    github.on(
        "POST", DISPATCHES, Answer.fixture(200, "github/dispatch-run-details.json", "id", "1"));
    List<String> parsed = new ArrayList<>();

    provider(
            text -> {
              parsed.add(text);
              return Optional.empty();
            },
            tokenFile)
        .dispatch(dispatch("api#3", false));

    assertThat(parsed).containsExactly(Fixtures.raw("github/build.yml"));
    assertThat(github.requests("POST", DISPATCHES).get(0).json().path("inputs").size())
        .isEqualTo(3);
  }

  @Test
  void readsTheFileOfAWorkflowGivenByItsId() throws CiException {
    String workflow = "/repos/acme/api/actions/workflows/88123456";
    github.on("GET", workflow, Answer.fixture(200, "github/workflow.json"));
    github.on(
        "POST",
        workflow + "/dispatches",
        Answer.fixture(200, "github/dispatch-run-details.json", "id", "1"));
    CiDispatch byId =
        new CiDispatch(
            "api", "api#3", "acme/api", "88123456", "main", INPUTS, MutableClock.START, false);

    RebuildDispatch result = provider.dispatch(byId);

    assertThat(result.detail()).endsWith("left out as not declared by the workflow: [cache-bust]");
    assertThat(github.requests("GET", CONTENTS)).hasSize(1);
  }

  @Test
  void rejectsAWorkflowFileMissingAtTheRef() {
    CiDispatch request =
        new CiDispatch(
            "api", "api#3", "acme/api", "deploy.yml", "main", INPUTS, MutableClock.START, false);

    assertThatThrownBy(() -> provider.dispatch(request))
        .isInstanceOfSatisfying(
            CiException.class, e -> assertThat(e.kind()).isEqualTo(CiException.Kind.REJECTED))
        .hasMessageContaining(
            "GitHub has no .github/workflows/deploy.yml in acme/api at main (404");
    assertThat(github.requests()).extracting(Request::method).containsOnly("GET");
  }

  @Test
  void findsTheRunByListingWhenGitHubGivesNoDetails() throws CiException {
    github.on("POST", DISPATCHES, Answer.empty(204));
    github.on(
        "GET",
        RUNS,
        Fixtures.runs(
            Fixtures.run(
                5551, "Rebuild api#3 (timer)", MutableClock.START.plusSeconds(2), "queued", null)));

    RebuildDispatch result = provider.dispatch(dispatch("api#3", false));

    assertThat(result.outcome()).isEqualTo(RebuildDispatch.DISPATCHED);
    assertThat(result.run().runId()).isEqualTo("5551");
    assertThat(result.detail()).endsWith("run found by listing");
    assertThat(github.requests("GET", RUNS).get(0).query())
        .isEqualTo(
            "event=workflow_dispatch&branch=main"
                + "&created=%3E%3D2025-06-02T09%3A29%3A00Z&per_page=100");
  }

  @Test
  void saysRunNotIdentifiedWhenTheRunIsNotListedYet() throws CiException {
    github.on("POST", DISPATCHES, Answer.empty(204));
    github.on("GET", RUNS, Fixtures.runs());

    RebuildDispatch result = provider.dispatch(dispatch("api#3", false));

    assertThat(result.outcome()).isEqualTo(RebuildDispatch.UNIDENTIFIED);
    assertThat(result.run()).isNull();
    assertThat(result.detail()).startsWith("run not identified: ").contains("not listed yet");
    assertThat(github.requests("POST", DISPATCHES)).hasSize(1);
    assertThat(github.requests("GET", RUNS)).hasSize(1);
  }

  @Test
  void anAcceptedDispatchWhoseRunsCannotBeListedIsNoFailure() throws CiException {
    github.on("POST", DISPATCHES, Answer.empty(204));
    github.on("GET", RUNS, Answer.fixture(404, "github/error-not-found.json"));

    RebuildDispatch result = provider.dispatch(dispatch("api#3", false));

    assertThat(result.outcome()).isEqualTo(RebuildDispatch.UNIDENTIFIED);
    assertThat(result.detail()).contains("its run cannot be listed").contains("(404): Not Found");
  }

  @Test
  void neverGuessesBetweenTwoRunsThatCouldBeOurs() throws CiException {
    github.on("POST", DISPATCHES, Answer.empty(204));
    github.on(
        "GET",
        RUNS,
        Fixtures.runs(
            Fixtures.run(7001, "build", MutableClock.START.plusSeconds(1), "queued", null),
            Fixtures.run(7002, "build", MutableClock.START.plusSeconds(3), "queued", null)));

    RebuildDispatch result = provider.dispatch(dispatch("api#3", false));

    assertThat(result.outcome()).isEqualTo(RebuildDispatch.UNIDENTIFIED);
    assertThat(result.detail()).contains("2 runs could be api#3 (7001, 7002)");
  }

  @Test
  void fallsBackToListingOnAnEnterpriseServerThatRefusesRunDetails() throws CiException {
    github.on(
        "POST",
        DISPATCHES,
        Answer.fixture(400, "github/error-return-run-details.json"),
        Answer.empty(204));
    github.on(
        "GET",
        RUNS,
        Fixtures.runs(
            Fixtures.run(42, "Rebuild api#3 (timer)", MutableClock.START, "queued", null)),
        Fixtures.runs(
            Fixtures.run(42, "Rebuild api#3 (timer)", MutableClock.START, "queued", null),
            Fixtures.run(
                43, "Rebuild api#4 (now)", MutableClock.START.plusSeconds(9), "queued", null)));

    RebuildDispatch first = provider.dispatch(dispatch("api#3", false));
    RebuildDispatch second = provider.dispatch(dispatch("api#4", false));

    assertThat(first.run().runId()).isEqualTo("42");
    assertThat(second.run().runId()).isEqualTo("43");
    var posts = github.requests("POST", DISPATCHES);
    assertThat(posts).hasSize(3);
    assertThat(posts.get(0).json().has("return_run_details")).isTrue();
    assertThat(posts.get(1).json().has("return_run_details")).isFalse();
    assertThat(posts.get(2).json().has("return_run_details")).isFalse();
  }

  @Test
  void remembersNothingWhenTheDispatchFailsWithoutRunDetailsToo() {
    github.on("POST", DISPATCHES, Answer.fixture(400, "github/error-return-run-details.json"));

    assertThatThrownBy(() -> provider.dispatch(dispatch("api#3", false)))
        .isInstanceOfSatisfying(
            CiException.class, e -> assertThat(e.kind()).isEqualTo(CiException.Kind.REJECTED));
    assertThatThrownBy(() -> provider.dispatch(dispatch("api#4", false)))
        .isInstanceOf(CiException.class);

    var posts = github.requests("POST", DISPATCHES);
    assertThat(posts).hasSize(4);
    assertThat(posts.get(2).json().has("return_run_details")).isTrue();
  }

  @Test
  void aRetryAfterAnAcceptedButUnansweredDispatchFindsTheRunAndSendsNoSecond() throws CiException {
    github.on("POST", DISPATCHES, Answer.DROP);
    assertThatThrownBy(() -> provider.dispatch(dispatch("api#3", false)))
        .isInstanceOfSatisfying(
            CiException.class, e -> assertThat(e.kind()).isEqualTo(CiException.Kind.UNAVAILABLE));
    github.on(
        "GET",
        RUNS,
        Fixtures.runs(
            Fixtures.run(
                8002,
                "Rebuild api#2 (timer)",
                MutableClock.START.minusSeconds(30),
                "completed",
                "success"),
            Fixtures.run(
                8003,
                "Rebuild api#3 (timer)",
                MutableClock.START.plusSeconds(2),
                "in_progress",
                null)));

    RebuildDispatch retried = provider.dispatch(dispatch("api#3", true));

    assertThat(retried.outcome()).isEqualTo(RebuildDispatch.DISPATCHED);
    assertThat(retried.run().runId()).isEqualTo("8003");
    assertThat(retried.detail()).contains("earlier attempt");
    assertThat(github.requests("POST", DISPATCHES)).hasSize(1);
  }

  @Test
  void aRetryDispatchesWhenNoEarlierRunIsListed() throws CiException {
    github.on("GET", RUNS, Fixtures.runs());
    github.on(
        "POST", DISPATCHES, Answer.fixture(200, "github/dispatch-run-details.json", "id", "77"));

    RebuildDispatch retried = provider.dispatch(dispatch("api#3", true));

    assertThat(retried.run().runId()).isEqualTo("77");
    assertThat(github.requests("POST", DISPATCHES)).hasSize(1);
  }

  @Test
  void aRetryThatCannotTellItsEarlierRunDoesNotDispatchAgain() throws CiException {
    github.on(
        "GET",
        RUNS,
        Fixtures.runs(
            Fixtures.run(7001, "build", MutableClock.START.plusSeconds(1), "queued", null),
            Fixtures.run(7002, "build", MutableClock.START.plusSeconds(3), "queued", null)));

    RebuildDispatch retried = provider.dispatch(dispatch("api#3", true));

    assertThat(retried.outcome()).isEqualTo(RebuildDispatch.UNIDENTIFIED);
    assertThat(github.requests("POST", DISPATCHES)).isEmpty();
  }
}
