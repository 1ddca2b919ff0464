package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.staterepo.ApplyResult;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StateFiles;
import io.imagefactory.staterepo.StatePatch;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.StateFileDirectoryTest.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's index over a real state repository and its real writer: lookups answer while a
 * commit holds the cache lock and while the remote is gone, and a commit shows in the index without
 * any lookup reading git. The {@code @Timeout}s guard against a lookup that waits on the writer,
 * which would hang here.
 */
@ExtendWith(IsolatedGitConfig.class)
class StateIndexFollowsTheWriterTest {

  private static final String WEB =
      "name: web\nenrollment:\n  registry: ghcr.io\n  repository: example-org/web\n"
          + "  source: {provider: github}\n";

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock();
  private Repository remote;
  private StateRepository repository;
  private StateFileDirectory directory;

  @BeforeEach
  void seed() throws Exception {
    remote = GitFixtures.bare(tmp.resolve("state.git"));
    Map<String, String> files = new TreeMap<>();
    files.put("images.yaml", "images: []\n");
    WebhookSlice.Fixtures.stateFiles()
        .forEach((path, bytes) -> files.put(path, new String(bytes, StandardCharsets.UTF_8)));
    GitFixtures.commit(remote, "main", "seed", files);
    repository =
        new StateRepository(
            StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")));
    directory =
        new StateFileDirectory(new StateSnapshotsConfiguration().stateSnapshots(repository), clock)
            .start();
  }

  @AfterEach
  void close() {
    directory.close();
    repository.close();
    remote.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void answersWhileACommitIsInProgressAndIndexesTheCommit() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StatePatch slow =
        new StatePatch() {
          @Override
          public String describe() {
            return "enroll web";
          }

          @Override
          public void applyTo(StateFiles files) {
            inside.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            files.writeString("images/web.yaml", WEB);
          }
        };
    CompletableFuture<ApplyResult> commit =
        CompletableFuture.supplyAsync(() -> repository.apply(List.of(slow)));
    inside.await();

    // The writer holds the cache lock now; the webhook does not need it.
    assertThat(directory.find("docker.io/library/postgres", "16-alpine"))
        .extracting(Entry::name)
        .containsExactly("postgres");
    assertThat(directory.images()).extracting(Entry::name).doesNotContain("web");

    release.countDown();
    ApplyResult result = commit.get();
    directory.awaitRefreshes();

    assertThat(result.committed()).isTrue();
    assertThat(directory.freshness().commit()).isEqualTo(result.commitId());
    assertThat(directory.find("ghcr.io/example-org/web", "v1"))
        .extracting(Entry::name)
        .containsExactly("web");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void answersFromTheLastIndexWhileTheRepositoryIsUnreachable() throws Exception {
    String commit = directory.freshness().commit();
    Files.move(tmp.resolve("state.git"), tmp.resolve("gone.git"));
    clock.advance(Duration.ofMinutes(3));

    directory.refresh();

    assertThat(directory.find("ghcr.io/example-org/api", "v2"))
        .extracting(Entry::name)
        .containsExactly("api");
    assertThat(directory.freshness().commit()).isEqualTo(commit);
    assertThat(directory.freshness().ageSeconds()).isEqualTo(180);
    assertThat(directory.freshness().lastError()).contains("state.git");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aBrokenImagesYamlAndStateFileLeaveTheLastGoodEntries() throws Exception {
    ObjectId edit =
        GitFixtures.commit(
            remote,
            "main",
            "hand edit",
            Map.of("images.yaml", "images: [", "images/api.yaml", "name: api\nenrollment: [\n"));

    directory.refresh();

    assertThat(directory.freshness().commit()).isEqualTo(edit.name());
    assertThat(directory.find("ghcr.io/example-org/api", "v2"))
        .extracting(Entry::name)
        .containsExactly("api");
  }
}
