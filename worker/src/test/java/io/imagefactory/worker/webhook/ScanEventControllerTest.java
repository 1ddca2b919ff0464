package io.imagefactory.worker.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.vulnerability.Finding;
import io.imagefactory.vulnerability.ScanSummary;
import io.imagefactory.vulnerability.Severity;
import io.imagefactory.vulnerability.SeverityCounts;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/v1/events/scan}: who gets a report's summary, and every refusal. */
@WebhookSlice
class ScanEventControllerTest {

  /** node-20-alpine's current digest in the fixture state files. */
  static final String NODE_20 = "sha256:" + "20".repeat(32);

  /** node-20-alpine's previous digest, in its digestHistory. */
  static final String NODE_20_BEFORE = "sha256:" + "19".repeat(32);

  /** postgres (external) current digest. */
  static final String POSTGRES = "sha256:" + "50".repeat(32);

  static final String UNKNOWN = "sha256:" + "ee".repeat(32);

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient client;

  private final BaseImageWorkflow node20 = mock(BaseImageWorkflow.class);
  private final ImageWorkflow postgres = mock(ImageWorkflow.class);

  private void stubWorkflows() {
    when(client.newWorkflowStub(BaseImageWorkflow.class, "base/node-20-alpine")).thenReturn(node20);
    when(client.newWorkflowStub(ImageWorkflow.class, "image/postgres")).thenReturn(postgres);
  }

  /** A Trivy report naming {@code repoDigest} with the given critical ids. */
  static String report(String repoDigest, String... critical) {
    StringBuilder vulns = new StringBuilder();
    for (String id : critical) {
      vulns
          .append(vulns.isEmpty() ? "" : ",")
          .append(
              "{\"VulnerabilityID\": \"%s\", \"PkgName\": \"openssl\", \"Severity\": \"CRITICAL\"}"
                  .formatted(id));
    }
    return """
        {"SchemaVersion": 2, "CreatedAt": "2026-03-01T11:59:00Z",
         "ArtifactName": "node:20-alpine", "ArtifactType": "container_image",
         "Trivy": {"Version": "0.58.1"},
         "Metadata": {"RepoDigests": ["node@%s"], "ImageID": "sha256:%s"},
         "Results": [{"Target": "node:20-alpine (alpine 3.21.2)", "Class": "os-pkgs",
                      "Vulnerabilities": [%s]}]}"""
        .formatted(repoDigest, "c".repeat(64), vulns);
  }

  private ResultActions send(String query, String json) throws Exception {
    return mvc.perform(
        post("/api/v1/events/scan" + query)
            .header("Authorization", "Bearer " + WebhookSlice.TOKEN)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json));
  }

  @Test
  void aReportOfABaseDigestIsSummarisedAndSignalledToTheBase() throws Exception {
    stubWorkflows();

    send("", report(NODE_20, "CVE-2025-1111", "CVE-2025-0001"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.summary.digest").value(NODE_20))
        .andExpect(jsonPath("$.summary.counts.critical").value(2))
        .andExpect(jsonPath("$.summary.findings[0].id").value("CVE-2025-0001"))
        .andExpect(jsonPath("$.signals[0].workflowId").value("base/node-20-alpine"))
        .andExpect(jsonPath("$.signals[0].signal").value("scanned"))
        .andExpect(jsonPath("$.stateIndex.commit").value(WebhookSlice.COMMIT));

    verify(node20)
        .scanned(
            new ScanSummary(
                NODE_20,
                "trivy 0.58.1",
                Instant.parse("2026-03-01T11:59:00Z"),
                new SeverityCounts(2, 0, 0, 0, 0),
                Severity.HIGH,
                List.of(
                    new Finding("CVE-2025-0001", Severity.CRITICAL),
                    new Finding("CVE-2025-1111", Severity.CRITICAL)),
                false));
  }

  @Test
  void theDigestParameterWinsOverTheReportsOwnAndAnOlderDigestIsTracked() throws Exception {
    stubWorkflows();

    // A multi-platform tag: Trivy names the platform manifest, Kargo the index.
    send("?digest=" + NODE_20_BEFORE, report(UNKNOWN, "CVE-2025-0001"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.summary.digest").value(NODE_20_BEFORE));

    verify(node20).scanned(any());
  }

  @Test
  void aReportOfAnExternalImageGoesToItsImageWorkflow() throws Exception {
    stubWorkflows();

    send("", report(POSTGRES))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.signals[0].workflowId").value("image/postgres"));

    verify(postgres).scanned(any());
    verifyNoInteractions(node20);
  }

  @Test
  void aDigestNoOneTracksIsNotFoundAndSignalsNothing() throws Exception {
    send("", report(UNKNOWN, "CVE-2025-0001"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail", containsString(UNKNOWN)))
        .andExpect(jsonPath("$.detail", containsString("in state commit " + WebhookSlice.COMMIT)))
        .andExpect(jsonPath("$.digests[0]").value(UNKNOWN));

    verifyNoInteractions(client);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json                                                        | body",
        "{\"SchemaVersion\": 1}                                          | SchemaVersion",
        "{\"SchemaVersion\": 2, \"Results\": []}                         | digest",
        "{\"SchemaVersion\": 2, \"Metadata\": {\"RepoDigests\": \"x\"}}  | Metadata.RepoDigests",
      })
  void aBadReportIsRefusedNamingTheField(String json, String field) throws Exception {
    send("", json).andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value(field));

    verifyNoInteractions(client);
  }

  @Test
  void aFindingThatIsNotOfItsShapeIsRefusedBeforeAnySignal() throws Exception {
    send("", report(NODE_20, "CVE-1\nforged: true"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("Results[0].Vulnerabilities[0].VulnerabilityID"));

    verifyNoInteractions(client);
  }

  @Test
  void aMalformedDigestParameterIsRefused() throws Exception {
    send("?digest=sha256:ABC", report(NODE_20))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("digest"));
  }

  @Test
  void withoutTheTokenNothingIsRead() throws Exception {
    mvc.perform(
            post("/api/v1/events/scan")
                .header("Authorization", "Bearer wrong")
                .contentType(MediaType.APPLICATION_JSON)
                .content(report(NODE_20)))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(client);
  }

  @Test
  void aReportLargerThanTheWebhookLimitIsReadUpToTheReportLimit() throws Exception {
    stubWorkflows();
    String padding = "x".repeat(200 * 1024);
    String large =
        report(NODE_20)
            .replace("\"ArtifactType\"", "\"Padding\": \"" + padding + "\", \"ArtifactType\"");

    send("", large).andExpect(status().isAccepted());
  }

  @Test
  void aReportOverTheReportLimitIsRefusedWith413() throws Exception {
    String padding = "x".repeat(9 * 1024 * 1024);

    send("", "{\"SchemaVersion\": 2, \"Padding\": \"" + padding + "\"}")
        .andExpect(status().isContentTooLarge());

    verifyNoInteractions(client);
  }

  @Test
  void aBodyThatIsNotJsonByItsContentTypeIsRefused() throws Exception {
    mvc.perform(
            post("/api/v1/events/scan")
                .header("Authorization", "Bearer " + WebhookSlice.TOKEN)
                .contentType(MediaType.TEXT_PLAIN)
                .content(report(NODE_20)))
        .andExpect(status().isUnsupportedMediaType());
  }

  @Test
  void anOwnerThatIsNotRunningAsksForAnEnrollmentAndARetry() throws Exception {
    stubWorkflows();
    doThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.getDefaultInstance(), "BaseImageWorkflow", null))
        .when(node20)
        .scanned(any());
    WorkflowStub enrollment = mock(WorkflowStub.class);
    when(client.newUntypedWorkflowStub(eq("EnrollmentWorkflow"), any(WorkflowOptions.class)))
        .thenReturn(enrollment);

    send("", report(NODE_20))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "30"))
        .andExpect(jsonPath("$.notRunning[0]").value("base/node-20-alpine"));

    verify(enrollment)
        .start(EnrollmentRequest.of("scan of " + NODE_20 + ": [base/node-20-alpine] not running"));
  }
}
