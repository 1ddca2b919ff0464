package io.imagefactory.worker.webhook;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebhookSlice
class ImagesControllerTest {

  static final Instant SEEN = Instant.parse("2026-02-27T08:00:00Z");

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient client;

  private ResultActions read(String path) throws Exception {
    return mvc.perform(get(path).header("Authorization", "Bearer " + WebhookSlice.TOKEN));
  }

  private void stubWorkflows() {
    ImageWorkflow api = mock(ImageWorkflow.class);
    when(api.status()).thenReturn(apiStatus());
    when(client.newWorkflowStub(ImageWorkflow.class, "image/api")).thenReturn(api);
    ImageWorkflow notRunning = mock(ImageWorkflow.class);
    when(notRunning.status())
        .thenThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.getDefaultInstance(), "ImageWorkflow", null));
    when(client.newWorkflowStub(ImageWorkflow.class, "image/base-python")).thenReturn(notRunning);
    when(client.newWorkflowStub(ImageWorkflow.class, "image/postgres")).thenReturn(notRunning);
  }

  private static ImageStatus apiStatus() {
    ImageConfig config =
        new ImageConfig(
            "api",
            ImageKind.MANAGED,
            Duration.ofDays(7),
            true,
            List.of("node-22-bookworm-slim"),
            List.of(),
            List.of(),
            null,
            java.util.Map.of(),
            false,
            List.of(),
            null,
            null,
            null,
            null);
    ImageRuntime runtime =
        new ImageRuntime(
            null,
            null,
            null,
            null,
            List.of(new PendingDigest("node-22-bookworm-slim", "sha256:" + "c".repeat(64), SEEN)),
            List.of(),
            false,
            SEEN.plus(Duration.ofDays(7)),
            null,
            0,
            0,
            null);
    return new ImageStatus(config, runtime, "waiting for node-22-bookworm-slim");
  }

  @Test
  void listsEveryEnrolledImageWithWhatItsWorkflowReports() throws Exception {
    stubWorkflows();

    read("/api/v1/images")
        .andExpect(status().isOk())
        .andExpect(header().string("Age", "0"))
        .andExpect(header().string(ImagesController.STATE_COMMIT, WebhookSlice.COMMIT))
        .andExpect(jsonPath("$.length()").value(3))
        .andExpect(jsonPath("$[0].name").value("api"))
        .andExpect(jsonPath("$[0].kind").value("managed"))
        .andExpect(jsonPath("$[0].repoURL").value("ghcr.io/example-org/api"))
        .andExpect(jsonPath("$[0].workflow").value("found"))
        .andExpect(jsonPath("$[0].details").value("waiting for node-22-bookworm-slim"))
        .andExpect(jsonPath("$[0].config.baseImages[0]").value("node-22-bookworm-slim"))
        .andExpect(jsonPath("$[1].name").value("base-python"))
        .andExpect(jsonPath("$[1].workflow").value("not running"))
        .andExpect(jsonPath("$[1].config").doesNotExist())
        .andExpect(jsonPath("$[1].runtime").doesNotExist())
        .andExpect(jsonPath("$[2].name").value("postgres"))
        .andExpect(jsonPath("$[2].kind").value("external"));
  }

  @Test
  void showsOneImageWithTimesAsIsoStrings() throws Exception {
    stubWorkflows();

    read("/api/v1/images/api")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflowId").value("image/api"))
        .andExpect(jsonPath("$.config.rebuildDelay").value("PT168H"))
        .andExpect(jsonPath("$.runtime.eligibleAt").value("2026-03-06T08:00:00Z"))
        .andExpect(jsonPath("$.runtime.pending[0].digest").value("sha256:" + "c".repeat(64)));
  }

  @Test
  void anImageThatIsNotEnrolledIsNotFound() throws Exception {
    read("/api/v1/images/frontend")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no image named frontend is enrolled"));

    verifyNoInteractions(client);
  }

  @Test
  void aMalformedNameIsRefused() throws Exception {
    read("/api/v1/images/Not_A_Name")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("name"));

    verifyNoInteractions(client);
  }

  @Test
  void readingNeedsTheToken() throws Exception {
    mvc.perform(get("/api/v1/images")).andExpect(status().isUnauthorized());

    verifyNoInteractions(client);
  }
}
