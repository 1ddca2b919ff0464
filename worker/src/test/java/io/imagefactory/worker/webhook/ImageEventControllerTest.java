package io.imagefactory.worker.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageBuild;
import io.imagefactory.image.ImageWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebhookSlice
class ImageEventControllerTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String NODE = "docker.io/library/node";

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient client;

  private final BaseImageWorkflow node22 = mock(BaseImageWorkflow.class);
  private final BaseImageWorkflow node20 = mock(BaseImageWorkflow.class);
  private final ImageWorkflow api = mock(ImageWorkflow.class);
  private final ImageWorkflow postgres = mock(ImageWorkflow.class);

  private void stubWorkflows() {
    when(client.newWorkflowStub(BaseImageWorkflow.class, "base/node-22-bookworm-slim"))
        .thenReturn(node22);
    when(client.newWorkflowStub(BaseImageWorkflow.class, "base/node-20-alpine")).thenReturn(node20);
    when(client.newWorkflowStub(ImageWorkflow.class, "image/api")).thenReturn(api);
    when(client.newWorkflowStub(ImageWorkflow.class, "image/postgres")).thenReturn(postgres);
  }

  private ResultActions send(String json) throws Exception {
    return mvc.perform(
        post("/api/v1/events/image")
            .header("Authorization", "Bearer " + WebhookSlice.TOKEN)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json));
  }

  private static String event(String repoURL, String tag) {
    return """
           {"repoURL": "%s", "tag": "%s", "digest": "%s",
            "warehouse": "base-node", "freight": "0a1b2c3d"}"""
        .formatted(repoURL, tag, DIGEST);
  }

  @Test
  void aNewBaseDigestIsSignalledToTheBaseWatchingThatTag() throws Exception {
    stubWorkflows();

    send(event(NODE, "22-bookworm-slim"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.signals.length()").value(1))
        .andExpect(jsonPath("$.signals[0].workflowId").value("base/node-22-bookworm-slim"))
        .andExpect(jsonPath("$.signals[0].signal").value("digestSeen"))
        .andExpect(jsonPath("$.stateIndex.commit").value(WebhookSlice.COMMIT))
        .andExpect(jsonPath("$.stateIndex.ageSeconds").value(0));

    // The reception time travels with the event: it is when the digest was first seen.
    verify(node22)
        .digestSeen(new DigestSeen(DIGEST, "22-bookworm-slim", "0a1b2c3d", WebhookSlice.NOW));
    verifyNoInteractions(node20);
  }

  @Test
  void aNewBuildOfAManagedImageIsSignalledAsBuilt() throws Exception {
    stubWorkflows();

    send(event("ghcr.io/example-org/api", "v1.4.0"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.signals[0].workflowId").value("image/api"))
        .andExpect(jsonPath("$.signals[0].signal").value("built"));

    verify(api).built(new ImageBuild(DIGEST, "v1.4.0", WebhookSlice.NOW));
  }

  @Test
  void aNewReleaseOfAnExternalImageIsSignalledAsBuilt() throws Exception {
    stubWorkflows();

    send(event("docker.io/library/postgres", "16-alpine"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.signals[0].workflowId").value("image/postgres"));

    verify(postgres).built(new ImageBuild(DIGEST, "16-alpine", WebhookSlice.NOW));
  }

  @Test
  void aRedeliveredEventGetsTheSameAnswer() throws Exception {
    stubWorkflows();
    String first = send(event(NODE, "20-alpine")).andReturn().getResponse().getContentAsString();

    send(event(NODE, "20-alpine"))
        .andExpect(status().isAccepted())
        .andExpect(content().json(first));

    // Each delivery is signalled; the workflow treats a digest it has seen as no news.
    verify(node20, times(2))
        .digestSeen(new DigestSeen(DIGEST, "20-alpine", "0a1b2c3d", WebhookSlice.NOW));
  }

  @Test
  void fieldsItDoesNotKnowAreIgnored() throws Exception {
    stubWorkflows();

    send(
"""
{"repoURL": "%s", "tag": "20-alpine", "digest": "%s", "stage": "watch", "extra": {"a": 1}}"""
            .formatted(NODE, DIGEST))
        .andExpect(status().isAccepted());

    verify(node20).digestSeen(new DigestSeen(DIGEST, "20-alpine", null, WebhookSlice.NOW));
  }

  @ParameterizedTest
  @CsvSource({
    "quay.io/example/unknown, latest",
    "docker.io/library/node, 18-bookworm",
  })
  void anImageNothingWatchesIsNotFound(String repoURL, String tag) throws Exception {
    send(event(repoURL, tag))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail", containsString(repoURL + ":" + tag)))
        .andExpect(jsonPath("$.detail", containsString("in state commit " + WebhookSlice.COMMIT)))
        .andExpect(jsonPath("$.stateIndex.commit").value(WebhookSlice.COMMIT));

    verifyNoInteractions(client);
  }

  @Test
  void aWorkflowThatIsNotRunningAsksForAnEnrollmentAndARetry() throws Exception {
    stubWorkflows();
    doThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.getDefaultInstance(), "BaseImageWorkflow", null))
        .when(node22)
        .digestSeen(any());
    WorkflowStub enrollment = mock(WorkflowStub.class);
    when(client.newUntypedWorkflowStub(eq("EnrollmentWorkflow"), any(WorkflowOptions.class)))
        .thenReturn(enrollment);

    send(event(NODE, "22-bookworm-slim"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "30"))
        .andExpect(jsonPath("$.notRunning[0]").value("base/node-22-bookworm-slim"))
        .andExpect(jsonPath("$.detail", containsString("enrollment was requested")));

    verify(enrollment)
        .start(
            EnrollmentRequest.of(
                "image event for " + NODE + ": [base/node-22-bookworm-slim] not running"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"tag\": \"1\", \"digest\": \"%2$s\"}                                | repoURL",
        "{\"repoURL\": \"https://docker.io/x/y\", \"tag\": \"1\", \"digest\": \"%2$s\"}   |"
            + " repoURL",
        "{\"repoURL\": \"node\", \"tag\": \"1\", \"digest\": \"%2$s\"}           | repoURL",
        "{\"repoURL\": \"%1$s:22\", \"tag\": \"1\", \"digest\": \"%2$s\"}        | repoURL",
        "{\"repoURL\": \"%1$s\", \"digest\": \"%2$s\"}                           | tag",
        "{\"repoURL\": \"%1$s\", \"tag\": \"-x\", \"digest\": \"%2$s\"}          | tag",
        "{\"repoURL\": \"%1$s\", \"tag\": \"1\"}                                 | digest",
        "{\"repoURL\": \"%1$s\", \"tag\": \"1\", \"digest\": \"sha256:ABC\"}     | digest",
        "{\"repoURL\": \"%1$s\", \"tag\": \"1\", \"digest\": \"md5:%2$s\"}       | digest",
        "{\"repoURL\": \"%1$s\", \"tag\": \"1\", \"digest\": \"%2$s\", \"warehouse\": \"Bad_Name\"}"
            + " | warehouse",
        "{\"repoURL\": \"%1$s\", \"tag\": \"1\", \"digest\": \"%2$s\", \"freight\": \"../x\"}      "
            + " | freight",
        "{\"repoURL\": {\"a\": 1}, \"tag\": \"1\", \"digest\": \"%2$s\"}          | repoURL",
        "{\"repoURL\": \"%1$s\", \"tag\": [\"1\"], \"digest\": \"%2$s\"}         | tag",
        "{\"repoURL\": \"%1$s\", \"tag\": \"1\", \"digest\": \"%2$s\"             | body",
        "[\"%1$s\"]                                                              | body",
      })
  void badInputIsRefusedNamingTheField(String template, String field) throws Exception {
    send(template.formatted(NODE, DIGEST))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.field").value(field))
        .andExpect(jsonPath("$.detail", containsString(field + ": ")));

    verifyNoInteractions(client);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"repoURL\": \"%1$s\", \"tag\": 127, \"digest\": \"%2$s\"}         | tag"
            + " | must be a string",
        "{\"repoURL\": \"%1$s\", \"tag\": true, \"digest\": \"%2$s\"}        | tag"
            + " | must be a string",
        "{\"repoURL\": \"%1$s\", \"tag\": \"1\", \"tag\": \"2\", \"digest\": \"%2$s\"} | tag"
            + " | is given twice",
        "{\"repoURL\": \"%1$s\", \"x\": [[[[[[[[[[1]]]]]]]]]]}                  | body"
            + " | is nested deeper than 8 levels",
      })
  void nothingIsCoercedGuessedOrNestedWithoutBound(String template, String field, String reason)
      throws Exception {
    send(template.formatted(NODE, DIGEST))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field))
        .andExpect(jsonPath("$.detail", containsString(field + ": " + reason)));

    verifyNoInteractions(client);
  }

  @Test
  void aDeeplyNestedArrayIsRefusedForItsDepth() throws Exception {
    send("[".repeat(5_000) + "]".repeat(5_000))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("body: is nested deeper than 8 levels"));
  }

  @Test
  void aBodyThatIsNotJsonIsAProblemNamingTheContentType() throws Exception {
    mvc.perform(
            post("/api/v1/events/image")
                .header("Authorization", "Bearer " + WebhookSlice.TOKEN)
                .contentType(MediaType.TEXT_PLAIN)
                .content(event(NODE, "20-alpine")))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail", containsString("must be application/json, not text/plain")));

    verifyNoInteractions(client);
  }

  @Test
  void twoAuthorizationHeadersAreRefusedEvenIfOneIsRight() throws Exception {
    mvc.perform(
            post("/api/v1/events/image")
                .header("Authorization", "Bearer wrong", "Bearer " + WebhookSlice.TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(event(NODE, "20-alpine")))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value("send exactly one Authorization header"));

    verifyNoInteractions(client);
  }

  @Test
  void anEmptyBodyIsRefused() throws Exception {
    send("").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("body"));
  }

  @Test
  void aBodyOverTheLimitIsRefusedUnread() throws Exception {
    String padding = "x".repeat(64 * 1024);
    send("{\"repoURL\": \"" + NODE + "\", \"padding\": \"" + padding + "\"}")
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.detail", containsString("65536 bytes")));

    verifyNoInteractions(client);
  }

  @Test
  void noBearerTokenIsUnauthorized() throws Exception {
    mvc.perform(
            post("/api/v1/events/image")
                .contentType(MediaType.APPLICATION_JSON)
                .content(event(NODE, "20-alpine")))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer"));

    verifyNoInteractions(client);
    verify(node20, never()).digestSeen(any());
  }
}
