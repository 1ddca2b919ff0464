package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class BodySizeLimitFilterTest {

  private final BodySizeLimitFilter filter =
      new BodySizeLimitFilter(16, new ProblemWriter(JsonMapper.builder().build()));

  /** A request whose body comes without a declared length, as a chunked upload does. */
  private static MockHttpServletRequest chunked(String body) {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/api/v1/events/image") {
          @Override
          public long getContentLengthLong() {
            return -1;
          }

          @Override
          public int getContentLength() {
            return -1;
          }
        };
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefused() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(chunked("{\"a\": \"0123456789\"}"), response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentAsString()).contains("larger than 16 bytes");
    assertThat(chain.getRequest()).isNull();
  }

  @Test
  void aBodyWithinTheLimitReachesTheApplicationWhole() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(chunked("{\"a\": \"0123\"}"), response, chain);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(
            new String(chain.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\": \"0123\"}");
    assertThat(chain.getRequest().getContentLength()).isEqualTo(13);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedWithoutReading() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/events/image");
    request.setContent(new byte[17]);
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, new MockFilterChain());

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(request.getInputStream().available()).isEqualTo(17);
  }
}
