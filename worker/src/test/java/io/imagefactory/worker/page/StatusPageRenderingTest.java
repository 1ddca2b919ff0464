package io.imagefactory.worker.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.worker.webhook.ImageDirectory.Freshness;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

class StatusPageRenderingTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Freshness FRESH =
      new Freshness("0123456789abcdef0123", NOW, Duration.ZERO, "<b>fetch failed</b>");
  private static final String HOSTILE_REBUILD =
      """
        status: waiting
        pendingRebuild: false
        eligibleAt: "2026-03-08T00:00:00Z"
        candidates:
          - baseImage: "<img src=x onerror=alert(1)>"
            digest: "sha256:\\"><script>alert(2)</script>"
            firstSeen: "2026-03-01T00:00:00Z"
        lastRebuild:
          id: "api#1"
          requestedAt: "2026-02-01T00:00:00Z"
          trigger: "<script>alert(3)</script>"
          outcome: "failed\\" onmouseover=\\"alert(4)"
          detail: "</td></tr></table><script>alert(5)</script>"
          runUrl: "JavaScript:alert(6)"
      """;

  private final StateSnapshot states =
      PageFixtures.states(
          Map.of(
              "base-images/golang.yaml", PageFixtures.base("golang"),
              "images/api.yaml", PageFixtures.managed("api", HOSTILE_REBUILD, "golang")));

  @Test
  void stringsFromStateFilesReachTheImagePageOnlyEscaped() {
    ImageRow api = ImageRow.of(states.images().get("api"));
    String page = ImagePage.render(api, Set.of("api"), List.of(), FRESH, NOW);

    assertThat(page)
        .contains("&lt;script&gt;alert(3)&lt;/script&gt;")
        .contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(5)")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("failed&quot; onmouseover=&quot;alert(4)")
        .contains("&lt;b&gt;fetch failed&lt;/b&gt;")
        .doesNotContain("<img", "<b>", "onmouseover=\"", "href=\"JavaScript");
    assertThat(scriptTags(page)).containsExactly("<script src=\"/page/page.js\" defer=\"\">");
  }

  @Test
  void stringsFromStateFilesReachTheTableOnlyEscaped() {
    String page =
        TablePage.render(states.images().values().stream().map(ImageRow::of).toList(), FRESH, NOW);

    assertThat(page).contains("&lt;script&gt;alert(3)&lt;/script&gt;").doesNotContain("<img");
    assertThat(page).doesNotContainIgnoringCase("href=\"javascript");
    assertThat(scriptTags(page)).hasSize(1);
  }

  @Test
  void theGraphIsWellFormedSvgWithANodePerImageAndBase() throws Exception {
    String svg = GraphSvg.render(DependencyGraph.of(states));

    Document document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(document.getElementsByTagName("g").getLength()).isEqualTo(2);
    assertThat(document.getElementsByTagName("path").getLength())
        .as("arrow heads and one edge")
        .isEqualTo(3);
    assertThat(svg).contains("href=\"/images/api\"").doesNotContain("href=\"/images/golang\"");
  }

  @Test
  void thePendingTimelineListsEachCandidateItsMaturityTheDueTimeAndNowInOrder() {
    ImageRow api = ImageRow.of(states.images().get("api"));
    String page = ImagePage.render(api, Set.of("api"), List.of(), FRESH, NOW);

    assertThat(Pattern.compile("<li class=\"(\\w+)\"").matcher(page).results().map(m -> m.group(1)))
        .containsExactly("seen", "now", "matures", "due");
  }

  @ParameterizedTest
  @CsvSource({
    "https://github.com/o/r/actions/runs/1, https://github.com/o/r/actions/runs/1",
    "HTTP://ci.example/run, HTTP://ci.example/run",
    "javascript:alert(1), ",
    "' JaVaScRiPt:alert(1)', ",
    "'data:text/html;base64,PHNjcmlwdD4=', ",
    "//evil.example/x, ",
    "/relative, "
  })
  void onlyHttpLinksFromStateFilesBecomeLinks(String url, String expected) {
    assertThat(Html.safeUrl(url)).isEqualTo(expected);
  }

  private static List<String> scriptTags(String html) {
    return Pattern.compile("<script[^>]*>", Pattern.CASE_INSENSITIVE)
        .matcher(html)
        .results()
        .map(m -> m.group())
        .toList();
  }
}
