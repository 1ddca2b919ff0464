package io.imagefactory.worker.webhook;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than the limit with 413, before it reaches a controller. The
 * declared length is checked first; a body without one (chunked) is read up to one byte past the
 * limit, so a client never makes the worker buffer more than the limit.
 */
final class BodySizeLimitFilter extends OncePerRequestFilter {

  private final int defaultLimit;
  private final Map<String, Integer> limitsByPath;
  private final ProblemWriter problems;

  BodySizeLimitFilter(int limit, ProblemWriter problems) {
    this(limit, Map.of(), problems);
  }

  /**
   * @param limitsByPath other limits for these request paths (vulnerability reports are large)
   */
  BodySizeLimitFilter(int limit, Map<String, Integer> limitsByPath, ProblemWriter problems) {
    this.defaultLimit = limit;
    this.limitsByPath = Map.copyOf(limitsByPath);
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int limit = limitsByPath.getOrDefault(request.getRequestURI(), defaultLimit);
    if (request.getContentLengthLong() > limit) {
      refuse(request, response, limit);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(limit + 1);
    if (body.length > limit) {
      refuse(request, response, limit);
      return;
    }
    chain.doFilter(new BufferedBodyRequest(request, body), response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, int limit)
      throws IOException {
    problems.write(
        request,
        response,
        HttpStatus.CONTENT_TOO_LARGE,
        "the request body is larger than " + limit + " bytes");
  }

  /** The request with its body already read into memory. */
  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
