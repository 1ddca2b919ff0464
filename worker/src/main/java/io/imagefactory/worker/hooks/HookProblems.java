package io.imagefactory.worker.hooks;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The hooks' refusals, as RFC 9457 problems like every other answer of the API. */
final class HookProblems {

  private HookProblems() {}

  static ResponseEntity<ProblemDetail> of(HttpStatus status, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
