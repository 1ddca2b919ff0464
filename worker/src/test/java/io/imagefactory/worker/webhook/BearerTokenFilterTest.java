package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import io.imagefactory.worker.CapturedLogs;
import io.imagefactory.worker.config.SecretFile;
import io.imagefactory.worker.config.WebhookProperties;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

@WebhookSlice
class BearerTokenFilterTest {

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient client;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Bearer",
        "Bearer ",
        "Basic a2FyZ286c2VjcmV0",
        "Bearer kargo-webhook-token-7f3c9",
        "Bearer kargo-webhook-token-7f3c9a0",
        "Bearer KARGO-WEBHOOK-TOKEN-7F3C9A",
        "Token kargo-webhook-token-7f3c9a"
      })
  void anythingButTheTokenIsUnauthorized(String authorization) throws Exception {
    mvc.perform(get("/api/v1/images").header("Authorization", authorization))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer"))
        .andExpect(jsonPath("$.status").value(401));

    verifyNoInteractions(client);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "Bearer   "})
  void theSchemeIsCaseInsensitiveAndSpacingTolerated(String scheme) throws Exception {
    // Past the filter, the controller answers: no such image.
    mvc.perform(get("/api/v1/images/frontend").header("Authorization", scheme + WebhookSlice.TOKEN))
        .andExpect(status().isNotFound());
  }

  @Test
  void actuatorAndOtherPathsNeedNoToken() throws Exception {
    // The filter guards /api/* only; probes and metrics stay reachable by the kubelet.
    mvc.perform(get("/not-api")).andExpect(status().isNotFound());
  }

  @Test
  void noTokenEverReachesTheLog() throws Exception {
    String wrong = "wrong-token-5d1e0b";
    try (CapturedLogs logs =
        CapturedLogs.capture(Level.TRACE, "io.imagefactory", "org.springframework.web")) {
      mvc.perform(
              get("/api/v1/images/frontend")
                  .header("Authorization", "Bearer " + WebhookSlice.TOKEN))
          .andExpect(status().isNotFound());
      mvc.perform(get("/api/v1/images").header("Authorization", "Bearer " + wrong))
          .andExpect(status().isUnauthorized());
      mvc.perform(
              post("/api/v1/events/image")
                  .header("Authorization", "Bearer " + wrong)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{}"))
          .andExpect(status().isUnauthorized());

      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("wrong bearer token"));
      assertThat(logs.lines())
          .allSatisfy(
              line -> assertThat(line).doesNotContain(WebhookSlice.TOKEN).doesNotContain(wrong));
    }
  }

  @Test
  void anUnreadableTokenFileIsUnavailableNotOpen(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("webhook-token");
    BearerTokenFilter filter =
        new BearerTokenFilter(
            WebhookToken.of(
                new WebhookProperties(new SecretFile(missing), null, DataSize.ofKilobytes(64))),
            new ProblemWriter(JsonMapper.builder().build()));
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/images");
    request.addHeader("Authorization", "Bearer anything");
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(chain.getRequest()).isNull();

    Files.writeString(missing, "anything\n");
    MockHttpServletResponse after = new MockHttpServletResponse();
    MockFilterChain passes = new MockFilterChain();
    filter.doFilter(request, after, passes);
    assertThat(passes.getRequest()).isNotNull();
  }
}
