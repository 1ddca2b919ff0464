package io.imagefactory.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.gitlab.FakePipelines.Pipeline;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RunRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class GitLabCiProviderTest {

  static final String PROJECT = "platform/images/node-app";
  static final String ENCODED = "platform%2Fimages%2Fnode-app";
  static final String TOKEN = "glpat-Zq8vN3xYk2LmW7pR4tUa";
  static final Instant REQUESTED = Instant.parse("2025-03-01T08:58:30Z");
  static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");

  @TempDir Path dir;
  FakeGitLab gitlab;
  Path tokenFile;
  GitLabCiProvider provider;

  @BeforeEach
  void startGitLab() throws Exception {
    gitlab = FakeGitLab.start(TOKEN).project(PROJECT);
    gitlab.now(NOW);
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    provider = provider(GitLabSettings.DEFAULT_REQUEST_TIMEOUT);
  }

  @AfterEach
  void stopGitLab() {
    gitlab.close();
  }

  @Test
  void createsAPipelineOnTheBranchWithTheInputsAndTheRebuildIdAsVariables() throws Exception {
    RebuildDispatch dispatch = provider.dispatch(dispatch(false));

    List<RecordedRequest> creates = gitlab.requests("POST", "/pipeline");
    assertThat(creates).hasSize(1);
    RecordedRequest create = creates.get(0);
    assertThat(create.rawPath()).isEqualTo("/api/v4/projects/" + ENCODED + "/pipeline");
    assertThat(create.header("PRIVATE-TOKEN")).isEqualTo(TOKEN);
    assertThat(create.header("Content-Type")).isEqualTo("application/json");
    assertThat(create.header("User-Agent")).isEqualTo("image-factory");
    JsonNode body = create.json();
    assertThat(body.path("ref").asText()).isEqualTo("main");
    assertThat(variables(body))
        .containsExactly(
            "BASE_NODE=docker.io/library/node:22-bookworm-slim@sha256:4c2f1e",
            "IMAGE_FACTORY_REBUILD_ID=node-app#7",
            "REASON=timer");
    body.path("variables")
        .forEach(v -> assertThat(v.path("variable_type").asText()).isEqualTo("env_var"));

    Pipeline pipeline = gitlab.pipelines(PROJECT).get(0);
    String url = gitlab.baseUrl() + "/" + PROJECT + "/-/pipelines/" + pipeline.id;
    assertThat(dispatch.outcome()).isEqualTo(RebuildDispatch.DISPATCHED);
    assertThat(dispatch.runUrl()).isEqualTo(url);
    assertThat(dispatch.run())
        .isEqualTo(new RunRef("gitlab", PROJECT, String.valueOf(pipeline.id), url));
    assertThat(dispatch.detail())
        .contains("GitLab pipeline " + pipeline.id, "on main", PROJECT, "REASON");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "group/project, group%2Fproject",
    "group/sub-group/deeper/my.project_1, group%2Fsub-group%2Fdeeper%2Fmy.project_1",
    "/group/sub/project/, group%2Fsub%2Fproject"
  })
  void sendsTheProjectPathAsOneEncodedSegment(String path, String encoded) throws Exception {
    gitlab.project(path.replaceAll("^/|/$", ""));

    provider.dispatch(dispatch(path, false));

    assertThat(gitlab.requests().get(0).rawPath())
        .isEqualTo("/api/v4/projects/" + encoded + "/pipeline");
  }

  @Test
  void theRebuildIdVariableIsAlwaysTheRebuildsOwn() throws Exception {
    Map<String, String> inputs = Map.of("IMAGE_FACTORY_REBUILD_ID", "forged", "REASON", "now");

    provider.dispatch(
        new CiDispatch("node-app", "node-app#7", PROJECT, null, "main", inputs, REQUESTED, false));

    assertThat(variables(gitlab.requests().get(0).json()))
        .containsExactly("IMAGE_FACTORY_REBUILD_ID=node-app#7", "REASON=now");
  }

  @Test
  void aRetryAfterACreateThatTimedOutFindsThatPipelineAndCreatesNoSecond() throws Exception {
    provider = provider(Duration.ofMillis(300));
    gitlab.holdNextCreate();
    assertThatThrownBy(() -> provider.dispatch(dispatch(false)))
        .isInstanceOfSatisfying(
            CiException.class, e -> assertThat(e.kind()).isEqualTo(CiException.Kind.UNAVAILABLE))
        .hasMessageContaining("did not answer creating a pipeline on main in project " + PROJECT);
    assertThat(gitlab.pipelines(PROJECT)).hasSize(1);
    provider = provider(GitLabSettings.DEFAULT_REQUEST_TIMEOUT);

    RebuildDispatch retried = provider.dispatch(dispatch(true));

    Pipeline pipeline = gitlab.pipelines(PROJECT).get(0);
    assertThat(gitlab.pipelines(PROJECT)).hasSize(1);
    assertThat(gitlab.requests("POST", "/pipeline")).hasSize(1);
    assertThat(retried.outcome()).isEqualTo(RebuildDispatch.DISPATCHED);
    assertThat(retried.run().runId()).isEqualTo(String.valueOf(pipeline.id));
    assertThat(retried.detail()).contains("found by IMAGE_FACTORY_REBUILD_ID");
    RecordedRequest listing = gitlab.requests("GET", "/pipelines").get(0);
    assertThat(listing.rawPath()).isEqualTo("/api/v4/projects/" + ENCODED + "/pipelines");
    assertThat(listing.query())
        .containsEntry("ref", "main")
        .containsEntry("source", "api")
        .containsEntry("updated_after", "2025-03-01T08:57:30Z")
        .containsEntry("order_by", "id")
        .containsEntry("sort", "desc");
    assertThat(gitlab.requests("GET", "/pipelines/" + pipeline.id + "/variables")).hasSize(1);
  }

  @Test
  void aRetryWithNoPipelineOfItsOwnCreatesOne() throws Exception {
    Pipeline other =
        gitlab.addPipeline(
            PROJECT,
            "main",
            "success",
            NOW.minusSeconds(30),
            Map.of("IMAGE_FACTORY_REBUILD_ID", "node-app#6"));
    Pipeline pushed = gitlab.addPipeline(PROJECT, "main", "push", "running", NOW, Map.of());
    Pipeline older =
        gitlab.addPipeline(
            PROJECT,
            "main",
            "success",
            REQUESTED.minus(Duration.ofHours(2)),
            Map.of("IMAGE_FACTORY_REBUILD_ID", "node-app#7"));

    RebuildDispatch dispatch = provider.dispatch(dispatch(true));

    assertThat(gitlab.requests("GET", "/pipelines/" + other.id + "/variables")).hasSize(1);
    assertThat(gitlab.requests("GET", "/pipelines/" + pushed.id + "/variables")).isEmpty();
    assertThat(gitlab.requests("GET", "/pipelines/" + older.id + "/variables")).isEmpty();
    assertThat(gitlab.requests("POST", "/pipeline")).hasSize(1);
    assertThat(dispatch.run().runId())
        .isNotIn(String.valueOf(other.id), String.valueOf(pushed.id), String.valueOf(older.id));
  }

  @Test
  void aRetryReadsTheVariablesOfABoundedNumberOfCandidates() throws Exception {
    for (int i = 0; i < PipelineFinder.MAX_CANDIDATES + 5; i++) {
      gitlab.addPipeline(
          PROJECT, "main", "running", NOW, Map.of("IMAGE_FACTORY_REBUILD_ID", "x#" + i));
    }

    provider.dispatch(dispatch(true));

    assertThat(gitlab.requests("GET", "/variables")).hasSize(PipelineFinder.MAX_CANDIDATES);
    assertThat(gitlab.requests("POST", "/pipeline")).hasSize(1);
  }

  @Test
  void aCandidateDeletedWhileTheRetryLooksIsPassedOver() throws Exception {
    Pipeline ours =
        gitlab.addPipeline(
            PROJECT,
            "main",
            "running",
            NOW.minusSeconds(5),
            Map.of("IMAGE_FACTORY_REBUILD_ID", "node-app#7"));
    Pipeline gone = gitlab.addPipeline(PROJECT, "main", "running", NOW, Map.of());
    gitlab.replyNext(
        "GET",
        "/pipelines/" + gone.id + "/variables",
        CannedReply.fixture(404, "404-not-found.json"));

    RebuildDispatch dispatch = provider.dispatch(dispatch(true));

    assertThat(dispatch.run().runId()).isEqualTo(String.valueOf(ours.id));
    assertThat(gitlab.requests("POST", "/pipeline")).isEmpty();
  }

  @Test
  void readsTheTokenAtEveryRequestSoARotationIsPickedUp() throws Exception {
    provider.dispatch(dispatch(false));
    gitlab.acceptOnly("glpat-Rotated0000000000000");
    Files.writeString(tokenFile, "glpat-Rotated0000000000000");

    provider.dispatch(dispatch(false));

    assertThat(gitlab.requests())
        .extracting(r -> r.header("PRIVATE-TOKEN"))
        .containsExactly(TOKEN, "glpat-Rotated0000000000000");
  }

  @Test
  void neverPutsTheTokenInAFailureMessage() throws Exception {
    // A misbehaving proxy that echoes the request headers back in its error page.
    gitlab.replyNext(
        new CannedReply(
            400,
            Map.of("Content-Type", "application/json"),
            "{\"message\":\"bad request, PRIVATE-TOKEN: " + TOKEN + "\"}"));
    assertThatThrownBy(() -> provider.dispatch(dispatch(false)))
        .hasMessageContaining("PRIVATE-TOKEN: [token]")
        .hasMessageNotContaining(TOKEN);

    gitlab.close();
    assertThatThrownBy(() -> provider.dispatch(dispatch(false)))
        .isInstanceOfSatisfying(
            CiException.class, e -> assertThat(e.kind()).isEqualTo(CiException.Kind.UNAVAILABLE))
        .hasMessageNotContaining(TOKEN)
        .hasMessageContaining("did not answer");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing | | does not exist",
        "empty | '  \n' | is empty",
        "two lines | 'glpat-one\nglpat-two' | must hold one token"
      })
  void aTokenFileThatHoldsNoTokenIsRejectedByItsPathAlone(
      String problem, String content, String reason) throws Exception {
    Path file = dir.resolve("gitlab-token");
    if (content != null) {
      Files.writeString(file, content);
    }
    GitLabCiProvider broken =
        new GitLabCiProvider(new GitLabSettings(gitlab.baseUrl(), file), clock());

    assertThatThrownBy(() -> broken.dispatch(dispatch(false)))
        .isInstanceOfSatisfying(
            CiException.class, e -> assertThat(e.kind()).isEqualTo(CiException.Kind.REJECTED))
        .hasMessage(
            "GitLab token file "
                + file
                + " "
                + reason
                + (reason.startsWith("must")
                    ? " (it contains spaces, line breaks or non-ASCII characters)"
                    : ""));
    assertThat(gitlab.requests()).isEmpty();
  }

  @Test
  void aDispatchWithoutAProjectOrBranchIsRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> provider.dispatch(dispatch(" ", false)))
        .hasMessageContaining("No GitLab project path (source.repo)");
    assertThatThrownBy(
            () ->
                provider.dispatch(
                    new CiDispatch(
                        "node-app", "node-app#7", PROJECT, null, " ", Map.of(), REQUESTED, false)))
        .hasMessageContaining("No branch to create the pipeline on in project " + PROJECT);
    assertThat(gitlab.requests()).isEmpty();
  }

  @Test
  void acceptsTheBaseUrlWithATrailingSlashOrTheApiRoot() throws Exception {
    for (String suffix : List.of("/", "/api/v4", "/api/v4/")) {
      URI base = URI.create(gitlab.baseUrl() + suffix);
      new GitLabCiProvider(new GitLabSettings(base, tokenFile), clock()).dispatch(dispatch(false));
    }

    assertThat(gitlab.requests())
        .extracting(RecordedRequest::rawPath)
        .containsOnly("/api/v4/projects/" + ENCODED + "/pipeline");
  }

  GitLabCiProvider provider(Duration requestTimeout) {
    return new GitLabCiProvider(
        new GitLabSettings(gitlab.baseUrl(), tokenFile, null, requestTimeout), clock());
  }

  static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  static CiDispatch dispatch(boolean retry) {
    return dispatch(PROJECT, retry);
  }

  static CiDispatch dispatch(String project, boolean retry) {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("REASON", "timer");
    inputs.put("BASE_NODE", "docker.io/library/node:22-bookworm-slim@sha256:4c2f1e");
    return new CiDispatch(
        "node-app", "node-app#7", project, null, "main", inputs, REQUESTED, retry);
  }

  static List<String> variables(JsonNode body) {
    return StreamSupport.stream(body.path("variables").spliterator(), false)
        .map(v -> v.path("key").asText() + "=" + v.path("value").asText())
        .toList();
  }
}
