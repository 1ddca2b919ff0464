package io.imagefactory.gitlab;

import static io.imagefactory.gitlab.GitLabCiProviderTest.ENCODED;
import static io.imagefactory.gitlab.GitLabCiProviderTest.NOW;
import static io.imagefactory.gitlab.GitLabCiProviderTest.PROJECT;
import static io.imagefactory.gitlab.GitLabCiProviderTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.gitlab.FakePipelines.Pipeline;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class PipelineConclusionsTest {

  static final Instant CREATED = NOW.minus(Duration.ofMinutes(20));
  static final Instant FINISHED = NOW.minus(Duration.ofMinutes(3));

  @TempDir Path dir;
  FakeGitLab gitlab;
  Path tokenFile;

  @BeforeEach
  void startGitLab() throws Exception {
    gitlab = FakeGitLab.start(TOKEN).project(PROJECT);
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
  }

  @AfterEach
  void stopGitLab() {
    gitlab.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "success | succeeded | GitLab pipeline {id} in " + PROJECT + " success (passed)",
        "failed | failed | GitLab pipeline {id} in " + PROJECT + " failed",
        "canceled | cancelled | GitLab pipeline {id} in " + PROJECT + " canceled",
        "skipped | never-started | GitLab pipeline {id} in "
            + PROJECT
            + " skipped: GitLab ran none of its jobs, so nothing was built"
      })
  void anEndedPipelineHasItsConclusionAndEndTime(String status, String conclusion, String detail)
      throws Exception {
    Pipeline pipeline = ended(status);

    RunConclusion ended = provider().conclusion(run(pipeline)).orElseThrow();

    assertThat(ended.conclusion()).isEqualTo(conclusion);
    assertThat(ended.detail()).isEqualTo(detail.replace("{id}", String.valueOf(pipeline.id)));
    assertThat(ended.url()).isEqualTo(url(pipeline));
    assertThat(ended.completedAt()).isEqualTo(FINISHED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "created",
        "waiting_for_resource",
        "preparing",
        "pending",
        "running",
        "scheduled",
        "manual",
        "canceling",
        "a_status_from_a_newer_gitlab"
      })
  void aPipelineOnItsWayHasNoConclusionYet(String status) throws Exception {
    Pipeline pipeline = gitlab.addPipeline(PROJECT, "main", status, CREATED, Map.of());

    assertThat(provider().conclusion(run(pipeline))).isEmpty();

    RecordedRequest read = gitlab.requests().get(0);
    assertThat(read.method()).isEqualTo("GET");
    assertThat(read.rawPath())
        .isEqualTo("/api/v4/projects/" + ENCODED + "/pipelines/" + pipeline.id);
    assertThat(read.header("PRIVATE-TOKEN")).isEqualTo(TOKEN);
  }

  @Test
  void aFailedPipelineSaysWhatGitLabFoundWrongWithItsConfiguration() throws Exception {
    Pipeline pipeline = ended("failed");
    pipeline.yamlErrors = "jobs:build config contains unknown keys: scirpt";

    assertThat(provider().conclusion(run(pipeline)).orElseThrow().detail())
        .endsWith("failed: jobs:build config contains unknown keys: scirpt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"created", "waiting_for_resource", "pending"})
  void aPipelineThatNoRunnerTookForADayNeverStarted(String status) throws Exception {
    Instant created = NOW.minus(Duration.ofHours(24));
    Pipeline pipeline = gitlab.addPipeline(PROJECT, "main", status, created, Map.of());

    assertThat(provider(NOW.minusSeconds(1)).conclusion(run(pipeline))).isEmpty();
    RunConclusion never = provider(NOW).conclusion(run(pipeline)).orElseThrow();

    assertThat(never.conclusion()).isEqualTo(RunConclusion.NEVER_STARTED);
    assertThat(never.detail())
        .isEqualTo(
            "GitLab pipeline "
                + pipeline.id
                + " in "
                + PROJECT
                + " still "
                + status
                + " 1d 0h after it was created (limit 1d 0h); it is left where it is and may"
                + " still run");
    assertThat(never.completedAt()).isEqualTo(NOW);
  }

  @Test
  void theNeverStartedLimitIsConfigurableAndSparesPipelinesThatStarted() throws Exception {
    Instant created = NOW.minus(Duration.ofHours(3));
    Pipeline pending = gitlab.addPipeline(PROJECT, "main", "pending", created, Map.of());
    Pipeline running = gitlab.addPipeline(PROJECT, "main", "running", created, Map.of());
    GitLabCiProvider provider =
        new GitLabCiProvider(
            new GitLabSettings(gitlab.baseUrl(), tokenFile, Duration.ofHours(2), null), clock(NOW));

    assertThat(provider.conclusion(run(pending)).map(RunConclusion::conclusion))
        .contains(RunConclusion.NEVER_STARTED);
    assertThat(provider.conclusion(run(running))).isEmpty();
  }

  @Test
  void aPipelineGitLabNoLongerHasNeverStarted() throws Exception {
    Pipeline pipeline = gitlab.addPipeline(PROJECT, "main", "running", CREATED, Map.of());
    gitlab.deletePipeline(pipeline.id);

    RunConclusion gone = provider().conclusion(run(pipeline)).orElseThrow();

    assertThat(gone.conclusion()).isEqualTo(RunConclusion.NEVER_STARTED);
    assertThat(gone.detail())
        .isEqualTo(
            "GitLab pipeline "
                + pipeline.id
                + " no longer exists in "
                + PROJECT
                + " (deleted, or the project was moved); whether it ran is unknown");
    assertThat(gone.url()).isEqualTo(url(pipeline));
    assertThat(gone.completedAt()).isEqualTo(NOW);
  }

  @Test
  void aProjectGitLabDoesNotShowIsARejectionNotAMissingPipeline() {
    RunRef run = new RunRef("gitlab", "platform/images/renamed", "1001", "https://x/1001");

    assertThatThrownBy(() -> provider().conclusion(run))
        .isInstanceOfSatisfying(
            CiException.class, e -> assertThat(e.kind()).isEqualTo(CiException.Kind.REJECTED))
        .hasMessageContaining(
            "answered HTTP 404 reading pipeline 1001 in project"
                + " platform/images/renamed: 404 Project Not Found");
  }

  @Test
  void aRunOfAnotherProviderIsRejected() {
    RunRef run =
        new RunRef("github", "org/api", "42", "https://github.com/org/api/actions/runs/42");

    assertThatThrownBy(() -> provider().conclusion(run))
        .hasMessage("Run 42 is a github run, not GitLab's");
    assertThat(gitlab.requests()).isEmpty();
  }

  private Pipeline ended(String status) {
    Pipeline pipeline = gitlab.addPipeline(PROJECT, "main", status, CREATED, Map.of());
    pipeline.finishedAt = FINISHED;
    pipeline.updatedAt = FINISHED.plusSeconds(1);
    return pipeline;
  }

  private GitLabCiProvider provider() {
    return provider(NOW);
  }

  private GitLabCiProvider provider(Instant now) {
    return new GitLabCiProvider(new GitLabSettings(gitlab.baseUrl(), tokenFile), clock(now));
  }

  private static Clock clock(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  private RunRef run(Pipeline pipeline) {
    return new RunRef("gitlab", PROJECT, String.valueOf(pipeline.id), url(pipeline));
  }

  private String url(Pipeline pipeline) {
    return gitlab.baseUrl() + "/" + PROJECT + "/-/pipelines/" + pipeline.id;
  }
}
