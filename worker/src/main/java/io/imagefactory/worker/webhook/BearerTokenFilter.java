package io.imagefactory.worker.webhook;

import io.imagefactory.worker.config.SecretFile;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to the API through only with {@code Authorization: Bearer <token>}. It runs before
 * anything reads the body, so an unauthenticated caller costs nothing. Neither the presented nor
 * the expected token is ever logged. The git hosts' push hooks are let through to their
 * controllers, which authenticate each delivery by its signature or secret token instead.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
  private static final String SCHEME = "Bearer ";

  /** Matched exactly against the raw request URI, so no encoded or dotted path slips past. */
  static final Set<String> SIGNED_HOOKS = Set.of("/api/v1/hooks/github", "/api/v1/hooks/gitlab");

  private final WebhookToken token;
  private final ProblemWriter problems;

  BearerTokenFilter(WebhookToken token, ProblemWriter problems) {
    this.token = token;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return uri.startsWith(context) && SIGNED_HOOKS.contains(uri.substring(context.length()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)).size() > 1) {
      // Which one counts differs between proxies and servers: refuse rather than pick one.
      log.info(
          "Refused {} {}: more than one Authorization header",
          request.getMethod(),
          request.getRequestURI());
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      problems.write(
          request, response, HttpStatus.UNAUTHORIZED, "send exactly one Authorization header");
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    boolean bearer = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    boolean valid;
    try {
      valid = bearer && token.matches(header.substring(SCHEME.length()).strip());
    } catch (SecretFile.SecretUnavailableException e) {
      log.error("Webhook token unavailable: {}", e.getMessage());
      problems.write(
          request, response, HttpStatus.SERVICE_UNAVAILABLE, "the webhook token cannot be read");
      return;
    }
    if (!valid) {
      log.info(
          "Refused {} {} from {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          request.getRemoteAddr(),
          bearer ? "wrong bearer token" : "no bearer token");
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      problems.write(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          bearer ? "the bearer token is not valid" : "a bearer token is required");
      return;
    }
    chain.doFilter(request, response);
  }
}
