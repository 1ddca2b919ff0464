package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.StateFileProblem;
import io.imagefactory.staterepo.StateRepositoryException;
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
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StateFileDirectoryTest {

  private final MutableClock clock = new MutableClock();
  private final AtomicInteger tips = new AtomicInteger();
  private final AtomicInteger reads = new AtomicInteger();
  private final SortedMap<String, byte[]> files = new TreeMap<>(WebhookSlice.Fixtures.stateFiles());
  private volatile String tip = "c1";
  private volatile RuntimeException unreachable;
  private Consumer<String> commitListener;
  private final StateFileDirectory directory =
      new StateFileDirectory(
          new StateSnapshots() {
            @Override
            public String tip() {
              tips.incrementAndGet();
              if (unreachable != null) {
                throw unreachable;
              }
              return tip;
            }

            @Override
            public SortedMap<String, byte[]> read(String commit) {
              reads.incrementAndGet();
              return new TreeMap<>(files);
            }

            @Override
            public void onCommit(Consumer<String> listener) {
              commitListener = listener;
            }
          },
          clock);

  @AfterEach
  void close() {
    directory.close();
  }

  @Test
  void aBaseIsFoundByRepoUrlAndTagAnImageByRepoUrl() {
    directory.start();

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
    directory.start();

    assertThat(directory.find("ghcr.io/example-org/base-python", "3.12"))
        .extracting(Entry::workflowId)
        .containsExactly("base/base-python-3-12", "image/base-python");
  }

  @Test
  void imagesAreListedByNameWithoutBasesOrUnreadableFiles() {
    directory.start();

    assertThat(directory.images())
        .extracting(Entry::name)
        .containsExactly("api", "base-python", "postgres");
  }

  @Test
  void aDigestOnlyBaseIsNeverFound() {
    directory.start();

    assertThat(directory.find("gcr.io/distroless/static", "latest")).isEmpty();
  }

  @Test
  void lookupsNeverReadTheRepository() {
    directory.start();
    int tipsAtStart = tips.get();

    for (int i = 0; i < 100; i++) {
      directory.find("docker.io/library/node", "20-alpine");
      directory.images();
    }

    assertThat(tips).hasValue(tipsAtStart);
    assertThat(reads).hasValue(1);
  }

  @Test
  void aCommitThisWorkerPushedIsIndexedWithoutAFetch() {
    directory.start();
    files.put("images/web.yaml", web());

    commitListener.accept("c2");
    directory.awaitRefreshes();

    assertThat(directory.find("ghcr.io/example-org/web", "v1"))
        .extracting(Entry::name)
        .containsExactly("web");
    assertThat(directory.freshness().commit()).isEqualTo("c2");
    assertThat(tips).hasValue(1);
  }

  @Test
  void anUnchangedTipIsNotReadAgainButCountsAsChecked() {
    directory.start();
    clock.advance(Duration.ofSeconds(30));
    assertThat(directory.freshness().ageSeconds()).isEqualTo(30);

    directory.refresh();

    assertThat(reads).hasValue(1);
    assertThat(directory.freshness().ageSeconds()).isZero();
  }

  @Test
  void aMissLooksAgainInTheBackgroundSoAnImageAnotherReplicaEnrolledIsFoundNext() {
    directory.start();
    clock.advance(StateFileDirectory.MIN_AGE_FOR_MISS);
    files.put("images/web.yaml", web());
    tip = "c2";

    assertThat(directory.find("ghcr.io/example-org/web", "v1")).isEmpty();
    directory.awaitRefreshes();

    assertThat(directory.find("ghcr.io/example-org/web", "v1"))
        .extracting(Entry::name)
        .containsExactly("web");
  }

  @Test
  void anUnreachableRepositoryKeepsTheLastIndexAndSaysHowOldItIs() {
    directory.start();
    unreachable = new StateRepositoryException("could not fetch state repository origin", true);
    clock.advance(Duration.ofMinutes(5));

    directory.refresh();

    assertThat(directory.find("docker.io/library/postgres", "16-alpine"))
        .extracting(Entry::name)
        .containsExactly("postgres");
    assertThat(directory.freshness().ageSeconds()).isEqualTo(300);
    assertThat(directory.freshness().lastError())
        .isEqualTo("could not fetch state repository origin");

    unreachable = null;
    directory.refresh();
    assertThat(directory.freshness().lastError()).isNull();
  }

  @Test
  void aStateFileThatBreaksKeepsItsLastGoodEntry() {
    directory.start();
    files.put("images/postgres.yaml", "name: [unterminated".getBytes(StandardCharsets.UTF_8));
    files.remove("images/api.yaml");
    tip = "c2";

    directory.refresh();

    assertThat(directory.freshness().commit()).isEqualTo("c2");
    assertThat(directory.images())
        .extracting(Entry::name)
        .containsExactly("base-python", "postgres");
  }

  @Test
  void theStatesKeepEveryParsedFileAndTheLastGoodVersionOfOneThatBreaks() {
    directory.start();
    ImageState postgres = directory.states().images().get("postgres");
    assertThat(directory.states().images()).containsOnlyKeys("api", "base-python", "postgres");
    assertThat(directory.states().baseImages())
        .containsOnlyKeys("distroless-static-pinned", "node-20-alpine", "node-22-bookworm-slim");
    assertThat(directory.states().problems())
        .extracting(StateFileProblem::path)
        .contains("images/unreadable.yaml", "images/Broken_Name.yaml");

    files.put("images/postgres.yaml", "name: [unterminated".getBytes(StandardCharsets.UTF_8));
    files.remove("images/api.yaml");
    tip = "c2";
    directory.refresh();

    assertThat(directory.states().images()).containsOnlyKeys("base-python", "postgres");
    assertThat(directory.states().images().get("postgres")).isEqualTo(postgres);
    assertThat(directory.states().isUnreadable("images/postgres.yaml")).isTrue();
  }

  @Test
  void beforeTheFirstSuccessfulReadLookupsAreUnavailableNotEmpty() {
    unreachable = new StateRepositoryException("could not fetch state repository origin", true);
    directory.start();

    assertThatThrownBy(() -> directory.find("docker.io/library/node", "20-alpine"))
        .isInstanceOf(StateRepositoryException.class)
        .hasMessageContaining("not read since the worker started")
        .hasMessageContaining("could not fetch state repository origin");
  }

  private static byte[] web() {
    return ("name: web\nenrollment:\n  registry: ghcr.io\n  repository: example-org/web\n"
            + "  source: {provider: github}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now = WebhookSlice.NOW;

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
