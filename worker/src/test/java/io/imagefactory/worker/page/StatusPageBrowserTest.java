package io.imagefactory.worker.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.FinishedEnrollment;
import io.imagefactory.worker.TimeSkippingWorker;
import io.imagefactory.worker.WorkerHttp;
import io.imagefactory.worker.temporal.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The status page of a real worker (time-skipping Temporal, the local state repository seeded from
 * {@code examples/}) in a real headless Chromium, after an enrollment, a rebuild of {@code
 * nginx-site} and a rebuild of {@code web} that waits for approval: the table lists the example
 * images and filters and sorts them, the image pages show the rebuild history and the pending
 * timeline, the graph has a node per image and base and an edge per dependency, and hostile strings
 * from a state file are shown as text, never run. The last test commits that hostile file, so it
 * runs last; the screenshots are taken before it.
 */
@ExtendWith(IsolatedGitConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StatusPageBrowserTest {

  private static final String TOKEN = "status-page-token-4e1b";
  private static final String NGINX = "docker.io/library/nginx";
  private static final String NODE = "docker.io/library/node";
  private static final List<String> EXAMPLE_IMAGES =
      List.of(
          "api", "base-python", "image-factory-worker", "nginx-site", "postgres", "reports", "web");

  /** Where {@code -Dimage-factory.record-screenshots=true} writes them, for the README. */
  private static final String SCREENSHOTS = "docs/screenshots";

  @TempDir static Path data;
  @TempDir static Path browserDir;
  static TimeSkippingWorker worker;
  static final HttpClient http = HttpClient.newHttpClient();
  private ChromeDriver browser;

  @BeforeAll
  static void startWorkerAndRebuild() throws Exception {
    worker = TimeSkippingWorker.start(data, TOKEN);
    assertThat(post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
    EnrollmentResult enrolled = FinishedEnrollment.of(worker.client);
    assertThat(enrolled.errors()).isEmpty();

    // The first digest Kargo reports is where a base stands, the second an update. An entity not
    // running yet is answered 503 with an enrollment requested, and Kargo retries: so do we.
    for (String[] base :
        List.of(new String[] {NGINX, "1.27-alpine"}, new String[] {NODE, "22-bookworm-slim"})) {
      assertThat(
              eventually(() -> event(base[0], base[1], digest('1')), r -> r.statusCode() != 503)
                  .statusCode())
          .isEqualTo(202);
      assertThat(event(base[0], base[1], digest('2')).statusCode()).isEqualTo(202);
    }
    ImageWorkflow nginx =
        worker.client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("nginx-site"));
    ImageWorkflow web =
        worker.client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("web"));
    worker.temporal.sleep(Duration.ofSeconds(30));
    eventually(() -> nginx.status().runtime().pending(), p -> p.size() == 1);
    eventually(() -> web.status().runtime().pending(), p -> p.size() == 1);
    // nginx-site soaks for a minute, web for two and then waits for approval.
    RebuildEntry rebuild = null;
    for (int step = 0; rebuild == null && step < 12; step++) {
      worker.temporal.sleep(Duration.ofSeconds(30));
      rebuild =
          eventually(
              () -> nginx.status().runtime().lastRebuild(), r -> r != null, Duration.ofSeconds(3));
    }
    assertThat(rebuild).isNotNull();
    worker.temporal.sleep(Duration.ofMinutes(2));
    eventually(() -> web.status().runtime().awaitingApproval(), a -> a);
    worker.temporal.sleep(Duration.ofSeconds(10));
    // The page shows what the state repository records, once the writer has committed it.
    eventually(() -> page("/images/nginx-site"), body -> body.contains("data-rebuild="));
    eventually(() -> page("/images/web"), body -> body.contains("waits for approval"));
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void theTableListsTheExampleImagesWithTheirStateAndLastRebuild() throws Exception {
    open("/");

    assertThat(rowNames()).containsExactlyElementsOf(EXAMPLE_IMAGES);
    assertThat(cell("web", 2).getText()).isEqualTo("awaiting-approval");
    assertThat(cell("web", 4).getText()).contains("node-22-bookworm-slim");
    assertThat(cell("nginx-site", 3).getText()).isEqualTo("nginx-1.27-alpine");
    assertThat(cell("nginx-site", 7).getText()).startsWith(RebuildEntry.RECORDED);
    assertThat(cell("postgres", 1).getText()).isEqualTo("external");
    assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("7 of 7 images");
  }

  @Test
  @Order(2)
  void typingInTheFilterLeavesOnlyTheRowsThatMatch() throws Exception {
    open("/");
    WebElement filter = browser.findElement(By.id("filter"));

    filter.sendKeys("python");
    assertThat(visibleRowNames()).containsExactly("base-python", "reports");
    assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("2 of 7 images");

    filter.clear();
    filter.sendKeys("awaiting");
    assertThat(visibleRowNames()).containsExactly("web");

    filter.clear();
    filter.sendKeys("no such image");
    assertThat(visibleRowNames()).isEmpty();
  }

  @Test
  @Order(3)
  void clickingAColumnHeaderSortsTheRowsAndClickingAgainReversesThem() throws Exception {
    open("/");
    WebElement name = header("Name");

    name.click();
    assertThat(rowNames()).containsExactlyElementsOf(EXAMPLE_IMAGES);
    name.click();
    List<String> reversed = new ArrayList<>(EXAMPLE_IMAGES);
    Collections.reverse(reversed);
    assertThat(rowNames()).containsExactlyElementsOf(reversed);

    header("Kind").click();
    assertThat(rowNames().get(0)).isEqualTo("postgres");
    header("Outcome").click();
    assertThat(rowNames().get(0)).isEqualTo("nginx-site");
  }

  @Test
  @Order(4)
  void theImagePageShowsItsBasesDependentsAndRebuildHistory() throws Exception {
    open("/");
    browser.findElement(By.linkText("nginx-site")).click();

    assertThat(browser.getTitle()).startsWith("nginx-site");
    assertThat(texts(By.cssSelector("#bases li"))).containsExactly("nginx-1.27-alpine");
    List<WebElement> history = browser.findElements(By.cssSelector("#history tbody tr"));
    assertThat(history).hasSize(1);
    assertThat(history.get(0).getAttribute("data-rebuild")).isEqualTo("nginx-site#1");
    assertThat(history.get(0).getText()).contains("timer").contains(RebuildEntry.RECORDED);

    open("/images/base-python");
    assertThat(texts(By.cssSelector("#dependents li"))).containsExactly("reports");
    browser.findElement(By.cssSelector("#dependents a")).click();
    assertThat(browser.getTitle()).startsWith("reports");
  }

  @Test
  @Order(5)
  void theImagePageShowsThePendingTimelineOfARebuildThatWaitsForApproval() throws Exception {
    open("/images/web");

    assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("awaiting-approval");
    List<String> kinds =
        browser.findElements(By.cssSelector("#timeline li")).stream()
            .map(li -> li.getAttribute("class"))
            .toList();
    assertThat(kinds).contains("seen", "matures", "due", "now");
    assertThat(browser.findElement(By.cssSelector("#timeline li.due")).getText())
        .contains("waits for approval");
    assertThat(browser.findElement(By.id("history")).getText()).contains("Never rebuilt");
  }

  @Test
  @Order(6)
  void theGraphDrawsOneNodePerImageAndBaseAndAnEdgePerDependency() throws Exception {
    open("/graph");

    Set<String> expected = new TreeSet<>(EXAMPLE_IMAGES);
    expected.addAll(baseFiles());
    List<WebElement> nodes = browser.findElements(By.cssSelector("svg#dependency-graph g.node"));
    assertThat(nodes.stream().map(n -> n.getAttribute("data-name")).toList())
        .containsExactlyInAnyOrderElementsOf(expected);
    for (WebElement node : nodes) {
      assertThat(node.getRect().getWidth()).as("drawn").isGreaterThan(100);
    }
    assertThat(edge("nginx-1.27-alpine", "nginx-site").getAttribute("class")).isEqualTo("edge");
    assertThat(edge("python-3.12-slim", "base-python").getAttribute("class")).isEqualTo("edge");
    assertThat(edge("base-python", "reports").getAttribute("class")).isEqualTo("edge cascade");
    assertThat(edge("eclipse-temurin-17-jre", "image-factory-worker").getAttribute("class"))
        .isEqualTo("edge");
    assertThat(browser.findElements(By.cssSelector("svg#dependency-graph path.edge"))).hasSize(7);
    // Layered: a base left of the image built on it, which is left of the image built on that.
    assertThat(x("python-3.12-slim")).isLessThan(x("base-python"));
    assertThat(x("base-python")).isLessThan(x("reports"));

    browser.findElement(By.cssSelector("g.node[data-name='reports']")).click();
    assertThat(browser.getTitle()).startsWith("reports");
  }

  @Test
  @Order(7)
  void withoutTheTokenThePageAsksForItAndEveryAnswerHasAStrictContentSecurityPolicy()
      throws Exception {
    HttpResponse<String> anonymous = get("/", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue(PageAccess.REALM);
    assertThat(anonymous.body()).doesNotContain("nginx-site");
    assertThat(get("/images/web", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(get("/graph", basic("any", "wrong")).statusCode()).isEqualTo(401);

    for (String path : List.of("/", "/images/web", "/graph", "/graph.svg")) {
      HttpResponse<String> page = get(path, basic("operator", TOKEN));
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(PageHeaders.CONTENT_SECURITY_POLICY);
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
    assertThat(get("/graph.svg", "Bearer " + TOKEN).headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
    assertThat(get("/images/nope", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    HttpResponse<String> script = get("/page/page.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  @Order(8)
  void screenshotsOfTheTableAnImagePageAndTheGraph() throws Exception {
    Path dir =
        Boolean.getBoolean("image-factory.record-screenshots")
            ? Path.of(System.getProperty("image-factory.project-dir")).resolve(SCREENSHOTS)
            : browserDir.resolve("screenshots");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> shot :
        Map.of(
                "/", "status-table.png",
                "/images/nginx-site", "status-image-history.png",
                "/images/web", "status-image-pending.png",
                "/graph", "status-graph.png")
            .entrySet()) {
      open(shot.getKey());
      browser.manage().window().setSize(new Dimension(1400, 1100));
      byte[] png = browser.getScreenshotAs(OutputType.BYTES);
      assertThat(png).as("a PNG").startsWith(0x89, 'P', 'N', 'G');
      Files.write(dir.resolve(shot.getValue()), png);
    }
  }

  @Test
  @Order(9)
  void stringsFromAStateFileAreShownAsTextAndNeverRun() throws Exception {
    String api = GitFixtures.read(worker.stateRepo, "main", "images/api.yaml");
    String hostile =
        api.substring(0, api.indexOf("rebuildState:"))
            + """
            rebuildState:
              status: "<b>waiting</b>"
              pendingRebuild: false
              candidates:
                - baseImage: "<img src=x onerror=window.pwned=1>"
                  digest: "sha256:<script>window.pwned=2</script>"
                  firstSeen: "2026-01-01T00:00:00Z"
              lastRebuild:
                id: "api#1"
                requestedAt: "2026-01-01T00:00:00Z"
                trigger: "<script>window.pwned=3</script>"
                outcome: "failed\\" onmouseover=\\"window.pwned=4"
                detail: "</td><script>window.pwned=5</script>"
                runUrl: "javascript:window.pwned=6"
            """;
    GitFixtures.commit(
        worker.stateRepo,
        "main",
        "a person edits a state file",
        Map.of("images/api.yaml", hostile));
    eventually(() -> page("/images/api"), body -> body.contains("window.pwned=5"));

    open("/images/api");
    assertThat(browser.findElement(By.cssSelector("#history .detail")).getText())
        .isEqualTo("</td><script>window.pwned=5</script>");
    assertThat(browser.findElement(By.cssSelector("#history tbody tr")).getText())
        .contains("<script>window.pwned=3</script>")
        .contains("javascript:window.pwned=6");
    assertThat(browser.findElements(By.cssSelector("#history a")))
        .as("no javascript: link")
        .isEmpty();
    assertThat(browser.findElements(By.cssSelector("main script, main img"))).isEmpty();
    assertThat(browser.findElement(By.id("timeline")).getText())
        .contains("<img src=x onerror=window.pwned=1>");
    open("/");
    new Actions(browser)
        .moveToElement(browser.findElement(By.cssSelector("tr[data-name='api'] .outcome")))
        .perform();
    assertThat(browser.executeScript("return window.pwned === undefined")).isEqualTo(true);
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
  }

  private void open(String path) throws Exception {
    if (browser == null) {
      browser = HeadlessChromium.start(browserDir.resolve("run-" + System.nanoTime()), 1400, 900);
      // The browser asks once and then sends the same credentials for the rest of the origin.
      browser.get(
          "http://operator:" + TOKEN + "@" + URI.create(worker.baseUrl).getAuthority() + "/");
    }
    browser.get(worker.baseUrl + path);
  }

  private List<String> rowNames() {
    return browser.findElements(By.cssSelector("#images tbody tr")).stream()
        .map(tr -> tr.getAttribute("data-name"))
        .toList();
  }

  private List<String> visibleRowNames() {
    return browser.findElements(By.cssSelector("#images tbody tr")).stream()
        .filter(WebElement::isDisplayed)
        .map(tr -> tr.getAttribute("data-name"))
        .toList();
  }

  private WebElement cell(String image, int column) {
    return browser
        .findElement(By.cssSelector("#images tr[data-name='" + image + "']"))
        .findElements(By.tagName("td"))
        .get(column);
  }

  private WebElement header(String text) {
    return browser.findElements(By.cssSelector("#images th button")).stream()
        .filter(b -> b.getText().startsWith(text))
        .findFirst()
        .orElseThrow();
  }

  private List<String> texts(By by) {
    return browser.findElements(by).stream().map(WebElement::getText).toList();
  }

  private WebElement edge(String from, String to) {
    return browser.findElement(
        By.cssSelector("path.edge[data-from='" + from + "'][data-to='" + to + "']"));
  }

  private int x(String node) {
    return browser
        .findElement(By.cssSelector("g.node[data-name='" + node + "'] rect"))
        .getRect()
        .getX();
  }

  private static List<String> baseFiles() throws Exception {
    List<String> names = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(worker.stateRepo)) {
      walk.addTree(
          worker.stateRepo.parseCommit(worker.stateRepo.resolve("refs/heads/main")).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        if (path.startsWith("base-images/") && path.endsWith(".yaml")) {
          names.add(path.substring("base-images/".length(), path.length() - ".yaml".length()));
        }
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  private static String digest(char c) {
    return "sha256:" + String.valueOf(c).repeat(64);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String page(String path) throws Exception {
    return get(path, "Bearer " + TOKEN).body();
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(worker.baseUrl + path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return WorkerHttp.post(worker.baseUrl, TOKEN, path, json);
  }

  private static HttpResponse<String> event(String repoURL, String tag, String digest)
      throws Exception {
    return post("/api/v1/events/image", WorkerHttp.imageEvent(repoURL, tag, digest));
  }

  /** Reads {@code value} until {@code done} holds, for at most 30 s of real time. */
  private static <T> T eventually(Callable<T> value, Predicate<T> done) throws Exception {
    return eventually(value, done, Duration.ofSeconds(30));
  }

  private static <T> T eventually(Callable<T> value, Predicate<T> done, Duration limit)
      throws Exception {
    return Eventually.poll(limit, value, done);
  }
}
