package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageDirectory.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateFileDirectoryTest {

  private final MutableClock clock = new MutableClock();
  private final AtomicInteger reads = new AtomicInteger();
  private final SortedMap<String, byte[]> files = new TreeMap<>(WebhookSlice.Fixtures.stateFiles());
  private final StateFileDirectory directory =
      new StateFileDirectory(
          () -> {
            reads.incrementAndGet();
            return new TreeMap<>(files);
          },
          clock);

  @Test
  void aBaseIsFoundByRepoUrlAndTagAnImageByRepoUrl() {
    assertThat(directory.find("docker.io/library/node", "20-alpine"))
        .containsExactly(
            new Entry("node-20-alpine", Kind.BASE, "docker.io/library/node", "20-alpine"));
    assertThat(directory.find("ghcr.io/example-org/api", "anything"))
        .containsExactly(new Entry("api", Kind.MANAGED, "ghcr.io/example-org/api", null));
    assertThat(directory.find("docker.io/library/postgres", "16-alpine"))
        .containsExactly(new Entry("postgres", Kind.EXTERNAL, "docker.io/library/postgres", null));
  }

  @Test
  void aManagedImageThatIsAlsoWatchedAsABaseGetsBoth() {
    files.put(
        "base-images/base-python-3-12.yaml",
        ("name: base-python-3-12\nregistry: ghcr.io\nrepository: example-org/base-python\n"
                + "tag: \"3.12\"\nrepoURL: ghcr.io/example-org/base-python\n")
            .getBytes(StandardCharsets.UTF_8));

    assertThat(directory.find("ghcr.io/example-org/base-python", "3.12"))
        .extracting(Entry::workflowId)
        .containsExactly("base/base-python-3-12", "image/base-python");
  }

  @Test
  void imagesAreListedByNameWithoutBasesOrUnreadableFiles() {
    assertThat(directory.images())
        .extracting(Entry::name)
        .containsExactly("api", "base-python", "postgres");
  }

  @Test
  void aDigestOnlyBaseIsNeverFound() {
    assertThat(directory.find("gcr.io/distroless/static", "latest")).isEmpty();
  }

  @Test
  void theSnapshotIsReusedForAWhile() {
    directory.find("docker.io/library/node", "20-alpine");
    clock.advance(StateFileDirectory.MAX_AGE.minusSeconds(1));
    directory.images();

    assertThat(reads).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    directory.images();
    assertThat(reads).hasValue(2);
  }

  @Test
  void aMissReadsAFreshSnapshotSoAJustEnrolledImageIsFound() {
    assertThat(directory.find("ghcr.io/example-org/web", "v1")).isEmpty();
    files.put(
        "images/web.yaml",
        "name: web\nenrollment:\n  registry: ghcr.io\n  repository: example-org/web\n  source: {provider: github}\n"
            .getBytes(StandardCharsets.UTF_8));

    clock.advance(StateFileDirectory.MIN_AGE_FOR_MISS);

    assertThat(directory.find("ghcr.io/example-org/web", "v1"))
        .extracting(Entry::name)
        .containsExactly("web");
  }

  @Test
  void missesInQuickSuccessionDoNotHammerTheRepository() {
    directory.find("quay.io/nobody/x", "1");
    directory.find("quay.io/nobody/y", "1");
    directory.find("quay.io/nobody/z", "1");

    assertThat(reads).hasValue(1);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now = WebhookSlice.NOW;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
