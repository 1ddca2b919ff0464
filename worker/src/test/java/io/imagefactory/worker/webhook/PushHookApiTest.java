package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.worker.CapturedLogs;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The push hooks ({@code io.imagefactory.worker.hooks}) in the API's MVC slice, with the real
 * filters: a delivery is authenticated by its signature or token (not by the bearer token), refused
 * with 401 and nothing started when that is wrong, and only a push to the state branch starts an
 * enrollment.
 */
@WebhookSlice
class PushHookApiTest {

  private static final String GITHUB_SECRET = "gh-hook-secret-91b2";
  private static final String GITLAB_SECRET = "gl-hook-secret-33c7";
  private static final String PUSH_MAIN = "{\"ref\":\"refs/heads/main\",\"after\":\"abc\"}";
  private static final Path SECRETS = secrets();

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient client;

  private final WorkflowStub fresh = mock(WorkflowStub.class);
  private CapturedLogs logs;

  private static Path secrets() {
    try {
      Path dir = Files.createTempDirectory("hook-secrets");
      Files.writeString(dir.resolve("github"), GITHUB_SECRET + "\n");
      Files.writeString(dir.resolve("gitlab"), GITLAB_SECRET);
      dir.toFile().deleteOnExit();
      dir.resolve("github").toFile().deleteOnExit();
      dir.resolve("gitlab").toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("image-factory.webhook.max-body-size", () -> "1KB");
    registry.add(
        "image-factory.hooks.github.secret-file", () -> SECRETS.resolve("github").toString());
    registry.add(
        "image-factory.hooks.gitlab.secret-file", () -> SECRETS.resolve("gitlab").toString());
  }

  @BeforeEach
  void stubStart() {
    when(client.newUntypedWorkflowStub(eq("EnrollmentWorkflow"), any(WorkflowOptions.class)))
        .thenReturn(fresh);
    logs = CapturedLogs.capture(Level.DEBUG);
  }

  @AfterEach
  void noSecretInTheLogs() {
    assertThat(String.join("\n", logs.lines()))
        .doesNotContain(GITHUB_SECRET)
        .doesNotContain(GITLAB_SECRET);
    logs.close();
  }

  static String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private org.springframework.test.web.servlet.ResultActions github(
      String event, String signature, String body) throws Exception {
    var request =
        post("/api/v1/hooks/github")
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-GitHub-Event", event)
            .content(body);
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return mvc.perform(request);
  }

  @Test
  void aSignedPushToTheStateBranchStartsAnEnrollmentWithoutABearerToken() throws Exception {
    github("push", sign(PUSH_MAIN), PUSH_MAIN)
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.outcome").value("started"))
        .andExpect(jsonPath("$.workflowId").value("enrollment"));

    verify(fresh).start(EnrollmentRequest.of("github push"));
  }

  @Test
  void aPingIsAnswered() throws Exception {
    String ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
    github("ping", sign(ping), ping)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("pong"));

    verifyNoInteractions(fresh);
  }

  @Test
  void aPushToAnotherBranchIsIgnoredWithTheReason() throws Exception {
    String body = "{\"ref\":\"refs/heads/feature/x\"}";
    github("push", sign(body), body)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("ignored"))
        .andExpect(
            jsonPath("$.reason")
                .value(org.hamcrest.Matchers.containsString("refs/heads/feature/x")));

    verifyNoInteractions(fresh);
  }

  @Test
  void aMissingOrWrongSignatureIs401AndStartsNothing() throws Exception {
    github("push", null, PUSH_MAIN)
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    github("push", sign(PUSH_MAIN.replace("main", "other")), PUSH_MAIN)
        .andExpect(status().isUnauthorized())
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("does not match")));
    github("push", "sha256=not-hex", PUSH_MAIN).andExpect(status().isUnauthorized());
    github("push", "sha1=" + "0".repeat(40), PUSH_MAIN).andExpect(status().isUnauthorized());

    verifyNoInteractions(fresh);
  }

  @Test
  void theBodyLimitAppliesToHooksToo() throws Exception {
    String large = "{\"ref\":\"refs/heads/main\",\"pad\":\"" + "x".repeat(2048) + "\"}";
    github("push", sign(large), large).andExpect(status().isContentTooLarge());

    verifyNoInteractions(fresh);
  }

  @Test
  void aSignedBodyThatIsNotAPushBodyIs400() throws Exception {
    github("push", sign("[1,2]"), "[1,2]").andExpect(status().isBadRequest());

    verifyNoInteractions(fresh);
  }

  @Test
  void aGitLabPushHookWithItsTokenStartsAnEnrollment() throws Exception {
    mvc.perform(
            post("/api/v1/hooks/gitlab")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Token", GITLAB_SECRET)
                .content(PUSH_MAIN))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.outcome").value("started"));

    verify(fresh).start(EnrollmentRequest.of("gitlab push"));
  }

  @Test
  void aGitLabHookWithAWrongTokenOrAnotherEventStartsNothing() throws Exception {
    mvc.perform(
            post("/api/v1/hooks/gitlab")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Token", GITLAB_SECRET + "x")
                .content(PUSH_MAIN))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            post("/api/v1/hooks/gitlab")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Gitlab-Event", "Push Hook")
                .content(PUSH_MAIN))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            post("/api/v1/hooks/gitlab")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Gitlab-Event", "Tag Push Hook")
                .header("X-Gitlab-Token", GITLAB_SECRET)
                .content(PUSH_MAIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("ignored"));

    verifyNoInteractions(fresh);
  }

  @Test
  void theRestOfTheApiStillWantsTheBearerToken() throws Exception {
    mvc.perform(
            post("/api/v1/hooks/github/../../enrollment").header("X-Hub-Signature-256", sign("")))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/v1/enrollment")).andExpect(status().isUnauthorized());

    verifyNoInteractions(fresh);
  }
}
