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
 * {@code POST /api/v1/hooks/github}: GitHub's push webhook of the state repository. The signature
 * ({@code X-Hub-Signature-256}, HMAC-SHA256 of the raw body with the hook's secret) is checked
 * before the body is looked at; a bad one is answered 401 and starts nothing. {@code ping} is
 * answered, other events are ignored, and a push is handled by {@link PushEnrollment}.
 */
@RestController
class GitHubHookController {

  static final String PATH = "/api/v1/hooks/github";

  private static final Logger log = LoggerFactory.getLogger(GitHubHookController.class);

  private final HookSecret secret;
  private final PushEnrollment pushes;

  GitHubHookController(
      ImageFactoryProperties properties, EnrollmentRequester enrollments, JsonMapper json) {
    this.secret = HookSecret.of(properties.hooks().github());
    this.pushes = new PushEnrollment(enrollments, json, properties.stateRepo().branch());
  }

  @PostMapping(PATH)
  ResponseEntity<?> deliver(
      @RequestHeader(value = "X-GitHub-Event", required = false) String event,
      @RequestHeader(value = "X-Hub-Signature-256", required = false) String signature,
      @RequestBody(required = false) byte[] body,
      HttpServletRequest request) {
    if (secret == null) {
      return HookProblems.of(
          HttpStatus.NOT_FOUND,
          "the GitHub push hook is not set up: set image-factory.hooks.github.secret-file");
    }
    byte[] raw = body == null ? new byte[0] : body;
    boolean valid;
    try {
      valid = secret.signs(signature, raw);
    } catch (SecretFile.SecretUnavailableException e) {
      log.error("GitHub hook secret unavailable: {}", e.getMessage());
      return HookProblems.of(
          HttpStatus.SERVICE_UNAVAILABLE, "the GitHub hook secret cannot be read");
    }
    if (!valid) {
      log.info(
          "Refused GitHub hook delivery from {}: {}",
          request.getRemoteAddr(),
          signature == null ? "no X-Hub-Signature-256" : "the signature does not match");
      return HookProblems.of(
          HttpStatus.UNAUTHORIZED,
          signature == null
              ? "X-Hub-Signature-256 is required"
              : "X-Hub-Signature-256 does not match the body and the hook's secret");
    }
    if ("ping".equals(event)) {
      return ResponseEntity.ok(new PushEnrollment.HookAnswer("pong", null, null));
    }
    if (!"push".equals(event)) {
      return ResponseEntity.ok(
          PushEnrollment.HookAnswer.ignored(
              "event " + (event == null ? "(no X-GitHub-Event)" : event) + " is not a push"));
    }
    return pushes.push("GitHub", raw);
  }
}
