package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(IsolatedGitConfig.class)
class StateRepositoryConcurrencyTest {

  private static final Logger log = LoggerFactory.getLogger(StateRepositoryConcurrencyTest.class);
  private static final int BATCHES = 200;
  private static final int HUMAN_COMMITS = 50;

  @TempDir Path tmp;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void keepsEveryPatchAndEveryHumanCommitWhileBothPushAtOnce() throws Exception {
    Path remoteDir = tmp.resolve("remote.git");
    try (Repository remote = GitFixtures.bare(remoteDir)) {
      GitFixtures.commit(
          remote, "main", "initial state", Map.of("images.yaml", "# enrolled images\n"));
      Semaphore progress = new Semaphore(0);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Future<List<ApplyResult>> ours = threads.submit(() -> commitBatches(remoteDir, progress));
        Future<Integer> humanPushes = threads.submit(() -> pushHumanCommits(remoteDir, progress));
        long start = System.nanoTime();
        List<ApplyResult> results = ours.get();
        long oursDone = System.nanoTime();
        int rejectedHumanPushes = humanPushes.get() - HUMAN_COMMITS;
        int ourRetries = results.stream().mapToInt(r -> r.attempts() - 1).sum();
        log.info(
            "Concurrent writers: {} re-applied batches, {} rejected human pushes; ours took {} "
                + "ms, human {} ms",
            ourRetries,
            rejectedHumanPushes,
            (oursDone - start) / 1_000_000,
            (System.nanoTime() - start) / 1_000_000);
        assertThat(results).allMatch(ApplyResult::committed);
      } finally {
        threads.shutdownNow();
      }

      List<RevCommit> history = GitFixtures.history(remote, "main");
      assertThat(history).allMatch(c -> c.getParentCount() <= 1);
      assertThat(history).hasSize(1 + BATCHES + HUMAN_COMMITS);
      List<String> messages = history.stream().map(RevCommit::getFullMessage).toList();
      for (int i = 0; i < BATCHES; i++) {
        String line = "- enroll " + img(i) + "\n";
        assertThat(messages).filteredOn(m -> m.contains(line)).as(line).hasSize(1);
        assertThat(GitFixtures.read(remote, "main", "images/" + img(i) + ".yaml"))
            .isEqualTo("name: " + img(i) + "\n");
      }
      for (int k = 0; k < HUMAN_COMMITS; k++) {
        String message = "human edit " + k;
        assertThat(history)
            .filteredOn(c -> c.getShortMessage().equals(message))
            .as(message)
            .hasSize(1);
        assertThat(GitFixtures.read(remote, "main", "docs/human-" + k + ".md"))
            .isEqualTo("note " + k + "\n");
      }
      List<String> expectedDependents =
          IntStream.range(0, BATCHES)
              .mapToObj(StateRepositoryConcurrencyTest::img)
              .sorted()
              .toList();
      assertThat(TestPatches.lines(GitFixtures.read(remote, "main", "base-images/node.yaml")))
          .isEqualTo(expectedDependents);
      String imagesYaml = GitFixtures.read(remote, "main", "images.yaml");
      for (int k = 0; k < HUMAN_COMMITS; k++) {
        assertThat(imagesYaml).contains("- name: human-" + k + "\n");
      }
    }
  }

  private List<ApplyResult> commitBatches(Path remoteDir, Semaphore progress) {
    StateRepositorySettings settings =
        StateRepositorySettings.of(remoteDir.toString(), tmp.resolve("cache"))
            .withMaxPushAttempts(50);
    List<ApplyResult> results = new ArrayList<>();
    try (StateRepository state =
        new StateRepository(
            settings, DerivedFiles.NONE, Backoff.NONE, Clock.systemUTC(), n -> null)) {
      for (int i = 0; i < BATCHES; i++) {
        results.add(
            state.apply(
                List.of(
                    TestPatches.write(
                        "enroll " + img(i), "images/" + img(i) + ".yaml", "name: " + img(i) + "\n"),
                    TestPatches.addLine(
                        "add " + img(i) + " to node", "base-images/node.yaml", img(i)))));
        progress.release();
      }
    }
    return results;
  }

  /** A person with a clone: edit, commit, push; on rejection pull --rebase and push again. */
  private int pushHumanCommits(Path remoteDir, Semaphore progress) throws Exception {
    int pushes = 0;
    try (Git human =
        Git.cloneRepository()
            .setURI(remoteDir.toString())
            .setDirectory(tmp.resolve("human").toFile())
            .call()) {
      Path work = tmp.resolve("human");
      // JGit's background auto-gc would race the person's next commit for the loose-object
      // directories it prunes; a person's clone does not need gc during the test.
      StoredConfig config = human.getRepository().getConfig();
      config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
      config.setInt(
          ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, 0);
      config.save();
      for (int k = 0; k < HUMAN_COMMITS; k++) {
        assertThat(progress.tryAcquire(BATCHES / HUMAN_COMMITS, 60, TimeUnit.SECONDS)).isTrue();
        Files.writeString(
            work.resolve("images.yaml"), "- name: human-" + k + "\n", StandardOpenOption.APPEND);
        Files.createDirectories(work.resolve("docs"));
        Files.writeString(work.resolve("docs/human-" + k + ".md"), "note " + k + "\n");
        human.add().addFilepattern(".").call();
        human
            .commit()
            .setMessage("human edit " + k)
            .setAuthor(GitFixtures.HUMAN)
            .setCommitter(GitFixtures.HUMAN)
            .call();
        while (true) {
          pushes++;
          if (pushed(human.push().call())) {
            break;
          }
          assertThat(human.pull().setRebase(true).call().isSuccessful()).isTrue();
        }
      }
    }
    return pushes;
  }

  private static boolean pushed(Iterable<PushResult> results) {
    for (PushResult result : results) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        if (update.getStatus() != RemoteRefUpdate.Status.OK) {
          return false;
        }
      }
    }
    return true;
  }

  private static String img(int i) {
    return String.format("img-%03d", i);
  }
}
