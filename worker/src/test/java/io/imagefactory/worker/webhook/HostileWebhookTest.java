package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.image.ImageWorkflow;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The hostile webhook corpus in {@code src/test/resources/hostile/webhook/}, sent to the real
 * controller and filters: each case is a body ({@code <case>.json}) and, where the case is about
 * them, request headers ({@code <case>.headers}: {@code Name: value} lines that replace the
 * defaults, an empty value removes the header, {@code :path} sets the path, {@code {token}} is the
 * webhook token). {@code expected.txt} has one line per case, {@code <case> | <status> <reason>}:
 * the status, and text the problem's {@code detail} must contain. A refused request reaches no
 * workflow, and every refusal is a problem document whose reason shows no raw control character.
 */
@WebhookSlice
class HostileWebhookTest {

  private static final String FAMILY = "/hostile/webhook/";
  private static final String PATH = "/api/v1/events/image";

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient client;

  record Case(String name, byte[] body, List<String> headers, int status, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    for (String line : text(FAMILY + "expected.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int bar = line.indexOf('|');
      String name = line.substring(0, bar).strip();
      String expected = line.substring(bar + 1);
      int comment = expected.indexOf("  # ");
      expected = (comment < 0 ? expected : expected.substring(0, comment)).strip();
      int space = expected.indexOf(' ');
      int status = Integer.parseInt(space < 0 ? expected : expected.substring(0, space));
      String reason = space < 0 ? "" : expected.substring(space + 1).strip();
      String headers = optionalText(FAMILY + name + ".headers");
      cases.add(
          new Case(
              name,
              bytes(FAMILY + name + ".json"),
              headers == null ? List.of() : headers.lines().toList(),
              status,
              reason));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachCaseGetsItsExpectedAnswer(Case hostile) throws Exception {
    BaseImageWorkflow base = mock(BaseImageWorkflow.class);
    ImageWorkflow image = mock(ImageWorkflow.class);
    when(client.newWorkflowStub(any(Class.class), anyString()))
        .thenAnswer(call -> call.getArgument(0) == ImageWorkflow.class ? image : base);
    clearInvocations(client);

    MockHttpServletResponse response = mvc.perform(request(hostile)).andReturn().getResponse();
    String body = response.getContentAsString(StandardCharsets.UTF_8);

    assertThat(response.getStatus()).as(hostile.name() + ": " + body).isEqualTo(hostile.status());
    if (hostile.status() >= 400) {
      assertThat(response.getContentType()).as(body).startsWith("application/problem+json");
      assertThat(body).as("the reason").contains(hostile.reason());
      assertThat(body)
          .as("control characters are quoted")
          .doesNotContainPattern("[\\x00-\\x1f\\x7f]");
      assertThat(body).as("no token echoed").doesNotContain(WebhookSlice.TOKEN);
      verify(client, never()).newWorkflowStub(any(Class.class), anyString());
    } else {
      assertThat(body).contains(hostile.reason());
    }
  }

  private static MockHttpServletRequestBuilder request(Case hostile) {
    String path = PATH;
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {HttpHeaders.AUTHORIZATION, "Bearer {token}"});
    headers.add(new String[] {HttpHeaders.CONTENT_TYPE, "application/json"});
    List<String> replaced = new ArrayList<>();
    for (String line : hostile.headers()) {
      int colon = line.indexOf(':', 1);
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (name.equals(":path")) {
        path = value.replace("{token}", WebhookSlice.TOKEN);
        continue;
      }
      if (!replaced.contains(name.toLowerCase())) {
        replaced.add(name.toLowerCase());
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
      }
      if (!value.isEmpty()) {
        headers.add(new String[] {name, value});
      }
    }
    MockHttpServletRequestBuilder request = post(path).content(hostile.body());
    for (String[] header : headers) {
      request.header(header[0], header[1].replace("{token}", WebhookSlice.TOKEN));
    }
    return request;
  }

  private static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  private static String optionalText(String resource) {
    return HostileWebhookTest.class.getResource(resource) == null ? null : text(resource);
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = HostileWebhookTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
