package io.imagefactory.worker.hooks;

import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.worker.config.ImageFactoryProperties;
import io.imagefactory.worker.config.SecretFile;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/hooks/gitlab}: GitLab's push hook of the state repository. The secret token
 * ({@code X-Gitlab-Token}) is checked before the body is looked at; a wrong one is answered 401 and
 * starts nothing. Only {@code Push Hook} events are handled, by {@link PushEnrollment}.
 */
@RestController
class GitLabHookController {

  static final String PATH = "/api/v1/hooks/gitlab";
  static final String PUSH = "Push Hook";

  private static final Logger log = LoggerFactory.getLogger(GitLabHookController.class);

  private final HookSecret secret;
  private final PushEnrollment pushes;

  GitLabHookController(
      ImageFactoryProperties properties, EnrollmentRequester enrollments, JsonMapper json) {
    this.secret = HookSecret.of(properties.hooks().gitlab());
    this.pushes = new PushEnrollment(enrollments, json, properties.stateRepo().branch());
  }

  @PostMapping(PATH)
  ResponseEntity<?> deliver(
      @RequestHeader(value = "X-Gitlab-Event", required = false) String event,
      @RequestHeader(value = "X-Gitlab-Token", required = false) String token,
      @RequestBody(required = false) byte[] body,
      HttpServletRequest request) {
    if (secret == null) {
      return HookProblems.of(
          HttpStatus.NOT_FOUND,
          "the GitLab push hook is not set up: set image-factory.hooks.gitlab.secret-file");
    }
    boolean valid;
    try {
      valid = secret.is(token);
    } catch (SecretFile.SecretUnavailableException e) {
      log.error("GitLab hook secret unavailable: {}", e.getMessage());
      return HookProblems.of(
          HttpStatus.SERVICE_UNAVAILABLE, "the GitLab hook secret token cannot be read");
    }
    if (!valid) {
      log.info(
          "Refused GitLab hook delivery from {}: {}",
          request.getRemoteAddr(),
          token == null ? "no X-Gitlab-Token" : "wrong X-Gitlab-Token");
      return HookProblems.of(
          HttpStatus.UNAUTHORIZED,
          token == null
              ? "X-Gitlab-Token is required"
              : "X-Gitlab-Token is not the hook's secret token");
    }
    if (!PUSH.equals(event)) {
      return ResponseEntity.ok(
          PushEnrollment.HookAnswer.ignored(
              "event " + (event == null ? "(no X-Gitlab-Event)" : event) + " is not a Push Hook"));
    }
    return pushes.push("GitLab", body == null ? new byte[0] : body);
  }
}
