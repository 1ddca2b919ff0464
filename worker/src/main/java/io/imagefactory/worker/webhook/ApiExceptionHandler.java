package io.imagefactory.worker.webhook;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.staterepo.StateRepositoryException;
import io.imagefactory.worker.temporal.TemporalUnavailableException;
import io.temporal.client.WorkflowServiceException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Every error of the API as an RFC 9457 problem whose {@code detail} says what is wrong (Kargo's
 * promotion step shows it). An unreadable body names the JSON field at fault.
 */
@RestControllerAdvice(
    basePackages = {"io.imagefactory.worker.webhook", "io.imagefactory.worker.hooks"})
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ApiProblem problem = unreadable(ex);
    return handleExceptionInternal(
        problem, problem.getBody(), headers, problem.getStatusCode(), request);
  }

  /**
   * Temporal cannot be reached, or did not answer within the webhook's deadline: a retry later may
   * succeed, and repeats nothing already delivered (the signals are idempotent).
   */
  @ExceptionHandler({
    TemporalUnavailableException.class,
    WorkflowServiceException.class,
    StatusRuntimeException.class
  })
  ResponseEntity<ProblemDetail> temporalUnavailable(RuntimeException e) {
    String reason =
        e instanceof TemporalUnavailableException
            ? e.getMessage()
            : "Temporal is unavailable (" + Status.fromThrowable(e).getCode() + ")";
    log.warn("Image Factory API answered 503: {}", reason);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, reason + "; retry later");
    problem.setProperty("reason", "temporal-unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, ImageEventController.RETRY_AFTER_SECONDS)
        .body(problem);
  }

  /**
   * The state repository cannot be read, so who watches an image is unknown: a 503 with the reason
   * (the message names the remote, never a credential) and when to try again, not a bare 500.
   */
  @ExceptionHandler(StateRepositoryException.class)
  ResponseEntity<ProblemDetail> stateRepositoryUnavailable(StateRepositoryException e) {
    log.warn("State repository unavailable: {}", e.getMessage());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the state repository cannot be read: " + e.getMessage() + "; retry later");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, ImageEventController.RETRY_AFTER_SECONDS)
        .body(problem);
  }

  private static ApiProblem unreadable(HttpMessageNotReadableException ex) {
    Throwable cause = ex.getCause();
    if (cause instanceof StreamReadException) {
      return ApiProblem.badRequest("body", "is not valid JSON");
    }
    if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
      String field =
          json.getPath().stream()
              .map(
                  r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      return ApiProblem.badRequest(field, "must be a string");
    }
    if (cause == null) {
      return ApiProblem.badRequest("body", "a JSON object is required");
    }
    return ApiProblem.badRequest("body", "must be a JSON object");
  }
}
