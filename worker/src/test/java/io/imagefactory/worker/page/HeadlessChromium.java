package io.imagefactory.worker.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven through chromedriver, both from Debian's packages {@code
 * chromium} and {@code chromium-driver}. It gets a fresh profile and HOME under the given directory
 * and never reaches the network (no updates, no sync, no QUIC, no first-run fetches). Where the
 * packages are missing the tests are skipped locally and fail in CI ({@code CI} set as an
 * environment variable or a system property), where {@code .ci/run} installs them.
 */
final class HeadlessChromium {

  // Debian's paths; the properties point elsewhere on another machine.
  static final Path BROWSER =
      Path.of(System.getProperty("image-factory.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("image-factory.chromedriver", "/usr/bin/chromedriver"));
  static final String MISSING =
      "headless Chromium is needed for the status page's browser tests: install the Debian"
          + " packages chromium and chromium-driver (apt-get install -y chromium chromium-driver;"
          + " .ci/run does it), which provide "
          + BROWSER
          + " and "
          + DRIVER;

  private HeadlessChromium() {}

  /** Skips the calling test locally, fails it in CI, when the packages are missing. */
  static void require() {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (present) {
      return;
    }
    if (inCi()) {
      throw new AssertionError(MISSING);
    }
    Assumptions.assumeTrue(false, MISSING);
  }

  static boolean inCi() {
    String env = System.getenv("CI");
    String property = System.getProperty("CI");
    return (env != null && !env.isBlank() && !env.equalsIgnoreCase("false"))
        || (property != null && !property.equalsIgnoreCase("false"));
  }

  /** A browser whose profile and HOME are under {@code dir}, with a window of the given size. */
  static ChromeDriver start(Path dir, int width, int height) throws IOException {
    require();
    Path profile = Files.createDirectories(dir.resolve("profile"));
    Path home = Files.createDirectories(dir.resolve("home"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withEnvironment(Map.of("HOME", home.toString()))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }
}
