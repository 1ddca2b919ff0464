package io.imagefactory.worker.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a verified push does, whichever host sent it: a push to the state repository's branch starts
 * an enrollment (or queues one more pass of the running one) and is answered 202; a push to any
 * other branch is answered 200 with the reason and starts nothing.
 */
final class PushEnrollment {

  private static final Logger log = LoggerFactory.getLogger(PushEnrollment.class);

  private final EnrollmentRequester enrollments;
  private final JsonMapper json;
  private final String branchRef;

  PushEnrollment(EnrollmentRequester enrollments, JsonMapper json, String branch) {
    this.enrollments = enrollments;
    this.json = json;
    this.branchRef = "refs/heads/" + branch;
  }

  /**
   * Handles the push {@code body} (GitHub's and GitLab's both carry {@code ref}) from {@code host}.
   */
  ResponseEntity<?> push(String host, byte[] body) {
    String ref = refOf(body);
    if (ref == null) {
      return HookProblems.of(
          HttpStatus.BAD_REQUEST, "ref: a push event body is a JSON object with a string 'ref'");
    }
    if (!ref.equals(branchRef)) {
      log.info("{} push to {} ignored: the state branch is {}", host, ref, branchRef);
      return ResponseEntity.ok(
          HookAnswer.ignored("push to " + ref + ", not to the state branch " + branchRef));
    }
    String reason = host.toLowerCase(Locale.ROOT) + " push";
    EnrollmentRequester.Outcome outcome = enrollments.request(EnrollmentRequest.of(reason));
    String answer = outcome.name().toLowerCase(Locale.ROOT);
    log.info("Enrollment {} for a {} to {}", answer, reason, ref);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new HookAnswer(answer, WorkflowIds.ENROLLMENT, null));
  }

  private String refOf(byte[] body) {
    try {
      JsonNode tree = json.readTree(body);
      JsonNode ref = tree == null ? null : tree.get("ref");
      return ref != null && ref.isString() ? ref.asString() : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /**
   * The answer to a hook delivery, which the git host shows in its delivery log.
   *
   * @param outcome {@code started} or {@code queued} (an enrollment), {@code pong} or {@code
   *     ignored}
   * @param workflowId the enrollment's workflow, when one was asked for
   * @param reason why nothing was started
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HookAnswer(String outcome, String workflowId, String reason) {

    static HookAnswer ignored(String reason) {
      return new HookAnswer("ignored", null, reason);
    }
  }
}
