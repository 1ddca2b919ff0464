package io.imagefactory.worker.webhook;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An answer of the API that is not a success, rendered as an RFC 9457 problem. */
final class ApiProblem extends ErrorResponseException {

  private ApiProblem(HttpStatus status, String detail, Map<String, Object> properties) {
    super(status, problem(status, detail, properties), null);
  }

  /** Bad input: {@code field} names the JSON field or path segment at fault. */
  static ApiProblem badRequest(String field, String reason) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, field + ": " + reason, Map.of("field", field));
  }

  /** The body is not JSON; named here, since Spring's own 415 would not be a problem document. */
  static ApiProblem unsupportedMediaType(String contentType) {
    return new ApiProblem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type must be application/json, not "
            + (contentType == null || contentType.isBlank() ? "missing" : contentType),
        Map.of());
  }

  static ApiProblem notFound(String detail) {
    return notFound(detail, Map.of());
  }

  static ApiProblem notFound(String detail, Map<String, Object> properties) {
    return new ApiProblem(HttpStatus.NOT_FOUND, detail, properties);
  }

  /** Try again later; Kargo's promotion step keeps polling on it. */
  static ApiProblem unavailable(String detail, Map<String, Object> properties) {
    return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, detail, properties);
  }

  private static ProblemDetail problem(
      HttpStatus status, String detail, Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    properties.forEach(problem::setProperty);
    return problem;
  }
}
