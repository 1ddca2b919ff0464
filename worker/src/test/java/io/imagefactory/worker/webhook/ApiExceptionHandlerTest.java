package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.staterepo.StateRepositoryException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ApiExceptionHandlerTest {

  @Test
  void anUnreadableStateRepositoryIsAServiceUnavailableProblemWithItsReasonAndWhenToRetry() {
    ResponseEntity<ProblemDetail> answer =
        new ApiExceptionHandler()
            .stateRepositoryUnavailable(
                new StateRepositoryException(
                    "cannot fetch https://github.com/acme/state.git (main): connection refused",
                    true));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
        .isEqualTo(ImageEventController.RETRY_AFTER_SECONDS);
    assertThat(answer.getBody().getDetail())
        .isEqualTo(
            "the state repository cannot be read: cannot fetch https://github.com/acme/state.git"
                + " (main): connection refused; retry later");
  }
}
