package io.imagefactory.worker.page;

import io.imagefactory.worker.config.SecretFile;
import io.imagefactory.worker.webhook.WebhookToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request for the status page through only with the API's token, as the API's read endpoints
 * do: {@code Authorization: Bearer <token>} from a script, or HTTP Basic with the token as the
 * password (any user name) from a browser, which asks for it once. Neither token is ever logged,
 * and the page is not cached anywhere on the way.
 */
final class PageAccess implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(PageAccess.class);
  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";
  static final String REALM = "Basic realm=\"Image Factory status page\", charset=\"UTF-8\"";

  private final WebhookToken token;

  PageAccess(WebhookToken token) {
    this.token = token;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)).size() > 1) {
      return refuse(request, response, "more than one Authorization header");
    }
    String presented = presented(request.getHeader(HttpHeaders.AUTHORIZATION));
    boolean valid;
    try {
      valid = presented != null && token.matches(presented);
    } catch (SecretFile.SecretUnavailableException e) {
      log.error("Webhook token unavailable: {}", e.getMessage());
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the token cannot be read");
      return false;
    }
    if (!valid) {
      return refuse(request, response, presented == null ? "no token" : "wrong token");
    }
    return true;
  }

  /** The token in a Bearer header or the password of a Basic one; null when there is none. */
  static String presented(String header) {
    if (header == null) {
      return null;
    }
    if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return header.substring(BEARER.length()).strip();
    }
    if (header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? null : pair.substring(colon + 1);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean refuse(
      HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
    log.info(
        "Refused {} {} from {}: {}",
        request.getMethod(),
        request.getRequestURI(),
        request.getRemoteAddr(),
        reason);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
    response.setContentType("text/plain;charset=UTF-8");
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response
        .getWriter()
        .write(
            "The status page needs the worker's API token: give it as the password (any user"
                + " name), or send Authorization: Bearer <token>.\n");
    return false;
  }
}
