package io.imagefactory.worker.webhook;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagefactory.TaskQueues;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebhookSlice
class EnrollmentControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient client;

  private final WorkflowStub fresh = mock(WorkflowStub.class);

  private void stubStart() {
    when(client.newUntypedWorkflowStub(
            eq("EnrollmentWorkflow"),
            argThat(
                (WorkflowOptions o) ->
                    o.getWorkflowId().equals("enrollment")
                        && o.getTaskQueue().equals(TaskQueues.MAIN))))
        .thenReturn(fresh);
  }

  @Test
  void aPushStartsAnEnrollment() throws Exception {
    stubStart();

    mvc.perform(post("/api/v1/enrollment").header("Authorization", "Bearer " + WebhookSlice.TOKEN))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value("enrollment"))
        .andExpect(jsonPath("$.outcome").value("started"));

    verify(fresh).start(EnrollmentRequest.of("git push"));
  }

  @Test
  void aPushDuringAnEnrollmentQueuesOneMorePass() throws Exception {
    stubStart();
    doThrow(
            new WorkflowExecutionAlreadyStarted(
                WorkflowExecution.getDefaultInstance(), "EnrollmentWorkflow", null))
        .when(fresh)
        .start(any());
    EnrollmentWorkflow running = mock(EnrollmentWorkflow.class);
    when(client.newWorkflowStub(EnrollmentWorkflow.class, "enrollment")).thenReturn(running);

    mvc.perform(
            post("/api/v1/enrollment")
                .header("Authorization", "Bearer " + WebhookSlice.TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"ref\": \"refs/heads/main\", \"commits\": []}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.outcome").value("queued"));

    verify(running).requestRun(EnrollmentRequest.of("git push"));
  }

  @Test
  void aPushWithoutTheTokenStartsNothing() throws Exception {
    mvc.perform(post("/api/v1/enrollment").header("Authorization", "Bearer guess"))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(client);
  }
}
