package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer plans outside the cache lock: while a batch's patches are still being applied (a large
 * enrollment, a slow tag filter), a reader of the state is served, and the batch still commits.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StateRepositoryLockTest {

  @TempDir Path tmp;

  @Test
  void aSlowPlanDoesNotBlockAConcurrentRead() throws Exception {
    Path remoteDir = tmp.resolve("state.git");
    CountDownLatch planning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StatePatch slow =
        new StatePatch() {
          @Override
          public String describe() {
            return "enroll slow";
          }

          @Override
          public void applyTo(StateFiles files) {
            planning.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            files.writeString("images/slow.yaml", "name: slow\n");
          }
        };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Repository remote = GitFixtures.bare(remoteDir);
        StateRepository repository =
            new StateRepository(
                StateRepositorySettings.of(remoteDir.toString(), tmp.resolve("cache")))) {
      GitFixtures.commit(remote, "main", "seed", Map.of("images.yaml", "images: []\n"));
      Future<ApplyResult> applying = threads.submit(() -> repository.apply(List.of(slow)));
      assertThat(planning.await(30, TimeUnit.SECONDS)).as("the plan started").isTrue();

      StateTree read = threads.submit(() -> repository.read()).get(20, TimeUnit.SECONDS);

      assertThat(read.file("images.yaml").map(b -> new String(b, StandardCharsets.UTF_8)))
          .contains("images: []\n");
      assertThat(applying).as("the plan is still running").isNotDone();
      release.countDown();
      ApplyResult result = applying.get(30, TimeUnit.SECONDS);
      assertThat(result.committed()).isTrue();
      assertThat(GitFixtures.read(remote, "main", "images/slow.yaml")).isEqualTo("name: slow\n");
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }
}
