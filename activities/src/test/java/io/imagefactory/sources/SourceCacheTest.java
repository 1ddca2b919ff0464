package io.imagefactory.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.GitFixtures.Entry;
import io.imagefactory.staterepo.IsolatedGitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(IsolatedGitConfig.class)
class SourceCacheTest {

  @TempDir Path tmp;
  private String monorepo;
  private ObjectId firstCommit;
  private ObjectId tipCommit;

  @BeforeEach
  void createMonorepo() throws IOException {
    Path dir = tmp.resolve("remotes/monorepo.git");
    try (Repository repo = GitFixtures.bare(dir)) {
      firstCommit =
          GitFixtures.commit(
              repo, "main", "first", Map.of("apps/web/Dockerfile", "FROM node:20\n"));
      GitFixtures.commit(repo, "main", "second", Map.of("apps/web/Dockerfile", "FROM node:21\n"));
      tipCommit =
          GitFixtures.commit(
              repo,
              "main",
              "third",
              List.of(
                  Entry.file("apps/web/Dockerfile", "FROM node:22-bookworm-slim\n"),
                  Entry.file("apps/api/Dockerfile", "FROM golang:1.23\n"),
                  Entry.symlink("apps/link.Dockerfile", "web/Dockerfile"),
                  Entry.symlink("linked", "apps"),
                  Entry.submodule("vendor/lib", "0123456789abcdef0123456789abcdef01234567"),
                  Entry.bytes(
                      "apps/huge/Dockerfile", new byte[(int) GitBlobReader.MAX_BYTES + 1])));
      GitFixtures.commit(
          repo, "release", "release branch", Map.of("apps/web/Dockerfile", "FROM node:18\n"));
    }
    monorepo = dir.toString();
  }

  private SourceCache cache() {
    return new SourceCache(tmp.resolve("cache"), SourceHosts.localOnly());
  }

  @Test
  void readsTheDockerfileAtTheTipOfTheBranchWithItsCommit() {
    try (SourceCache cache = cache();
        SourceSession session = cache.session()) {
      SourceFileResult web = session.readFile(monorepo, "main", "apps/web/Dockerfile");
      SourceFileResult release = session.readFile(monorepo, "release", "./apps/web/Dockerfile");

      assertThat(web.ok()).isTrue();
      assertThat(web.text()).isEqualTo("FROM node:22-bookworm-slim\n");
      assertThat(web.commitId()).isEqualTo(tipCommit.name());
      assertThat(release.text()).isEqualTo("FROM node:18\n");
      assertThat(cache.fetchCount()).isEqualTo(2);
    }
  }

  static Stream<Arguments> badImages() {
    return Stream.of(
        Arguments.of(
            "main",
            "../outside/Dockerfile",
            SourceProblem.PATH_OUTSIDE_REPOSITORY,
            "leaves the repository"),
        Arguments.of("main", "/etc/passwd", SourceProblem.PATH_OUTSIDE_REPOSITORY, "absolute"),
        Arguments.of(
            "main",
            "apps/../../etc/passwd",
            SourceProblem.PATH_OUTSIDE_REPOSITORY,
            "leaves the repository"),
        Arguments.of("main", ".git/config", SourceProblem.PATH_OUTSIDE_REPOSITORY, ".git"),
        Arguments.of("main", "apps/link.Dockerfile", SourceProblem.SYMLINK, "is a symbolic link"),
        Arguments.of(
            "main", "linked/web/Dockerfile", SourceProblem.SYMLINK, "passes through 'linked'"),
        Arguments.of("main", "vendor/lib", SourceProblem.SUBMODULE, "is a submodule"),
        Arguments.of(
            "main",
            "vendor/lib/Dockerfile",
            SourceProblem.SUBMODULE,
            "passes through 'vendor/lib'"),
        Arguments.of("main", "apps/web", SourceProblem.DIRECTORY, "is a directory"),
        Arguments.of("main", "apps/missing/Dockerfile", SourceProblem.MISSING_FILE, "no such file"),
        Arguments.of(
            "main",
            "apps/web/Dockerfile/x",
            SourceProblem.MISSING_FILE,
            "is a file, not a directory"),
        Arguments.of(
            "main", "apps/huge/Dockerfile", SourceProblem.TOO_LARGE, "over the limit of 1048576"),
        Arguments.of(
            "no-such-branch",
            "apps/web/Dockerfile",
            SourceProblem.MISSING_BRANCH,
            "has no branch no-such-branch"),
        Arguments.of(
            "bad..name",
            "apps/web/Dockerfile",
            SourceProblem.MISSING_BRANCH,
            "not a valid branch name"));
  }

  @ParameterizedTest
  @MethodSource("badImages")
  void reportsABadImageClearlyAndStillReadsTheOthers(
      String branch, String path, SourceProblem problem, String reason) {
    try (SourceCache cache = cache();
        SourceSession session = cache.session()) {
      SourceFileResult bad = session.readFile(monorepo, branch, path);
      SourceFileResult good = session.readFile(monorepo, "main", "apps/api/Dockerfile");

      assertThat(bad.ok()).isFalse();
      assertThat(bad.problem()).isEqualTo(problem);
      assertThat(bad.text()).isNull();
      assertThat(bad.message())
          .contains(monorepo)
          .contains("branch " + branch)
          .contains(path)
          .contains(reason);
      assertThat(good.text()).isEqualTo("FROM golang:1.23\n");
    }
  }

  @Test
  void fetchesEachRepositoryOncePerSessionHoweverManyImagesItHolds() throws IOException {
    List<String> repos = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      Path dir = tmp.resolve("remotes/repo-" + r + ".git");
      try (Repository repo = GitFixtures.bare(dir)) {
        List<Entry> files = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
          files.add(
              Entry.file("images/img-" + i + "/Dockerfile", "FROM base-" + r + ":" + i + "\n"));
        }
        GitFixtures.commit(repo, "main", "images", files);
      }
      repos.add(dir.toString());
    }
    try (SourceCache cache = cache()) {
      try (SourceSession session = cache.session()) {
        for (int i = 0; i < 25; i++) {
          for (int r = 0; r < 4; r++) {
            assertThat(
                    session
                        .readFile(repos.get(r), "main", "images/img-" + i + "/Dockerfile")
                        .text())
                .isEqualTo("FROM base-" + r + ":" + i + "\n");
          }
        }
        assertThat(cache.fetchCount()).isEqualTo(4);
      }
      try (Repository repo = open(Path.of(repos.get(0)))) {
        GitFixtures.commit(
            repo, "main", "update", Map.of("images/img-0/Dockerfile", "FROM base-0:new\n"));
      }
      try (SourceSession next = cache.session()) {
        assertThat(next.readFile(repos.get(0), "main", "images/img-0/Dockerfile").text())
            .isEqualTo("FROM base-0:new\n");
        assertThat(next.readFile(repos.get(0), "main", "images/img-1/Dockerfile").ok()).isTrue();
        assertThat(cache.fetchCount()).isEqualTo(5);
      }
    }
  }

  @Test
  void keepsOneShallowMirrorPerRepositoryWithoutCredentialsInItsConfig() throws IOException {
    try (SourceCache cache = cache();
        SourceSession session = cache.session()) {
      session.readFile(monorepo, "main", "apps/web/Dockerfile");

      try (Stream<Path> dirs = Files.list(tmp.resolve("cache"))) {
        List<Path> mirrors = dirs.toList();
        assertThat(mirrors)
            .singleElement()
            .satisfies(
                d ->
                    assertThat(d.getFileName().toString())
                        .matches("[0-9a-f]{16}-remotes-monorepo\\.git"));
        try (Repository mirror = open(mirrors.get(0))) {
          assertThat(mirror.getObjectDatabase().has(tipCommit)).isTrue();
          assertThat(mirror.getObjectDatabase().has(firstCommit)).isFalse();
          assertThat(mirror.getConfig().getString("remote", "origin", "url")).isEqualTo(monorepo);
        }
      }
    }
  }

  @Test
  void refusesARepositoryOnAnotherHostBeforeAnyNetworkUse() {
    SourceHosts hosts = SourceHosts.github();
    try (SourceCache cache = new SourceCache(tmp.resolve("cache"), hosts);
        SourceSession session = cache.session()) {
      SourceFileResult other =
          session.readFile("https://gitlab.example.com/team/app.git", "main", "Dockerfile");
      SourceFileResult local = session.readFile(monorepo, "main", "apps/web/Dockerfile");
      SourceFileResult ssh = session.readFile("git@github.com:team/app.git", "main", "Dockerfile");
      SourceFileResult withToken =
          session.readFile("https://x:ghp_leak@github.com/team/app.git", "main", "Dockerfile");

      assertThat(other.problem()).isEqualTo(SourceProblem.REPOSITORY_NOT_ALLOWED);
      assertThat(other.message())
          .contains("gitlab.example.com")
          .contains("not an allowed source host");
      assertThat(local.problem()).isEqualTo(SourceProblem.REPOSITORY_NOT_ALLOWED);
      assertThat(local.message()).contains("local source repositories are not enabled");
      assertThat(ssh.message()).contains("SSH");
      assertThat(withToken.message()).contains("credentials").doesNotContain("ghp_leak");
      assertThat(cache.fetchCount()).isZero();
      assertThat(tmp.resolve("cache")).doesNotExist();
    }
  }

  @Test
  void servesConcurrentAnalysesOfOneRepositoryWithOneFetch() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (SourceCache cache = cache();
        SourceSession session = cache.session()) {
      List<Future<SourceFileResult>> reads = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String path = i % 2 == 0 ? "apps/web/Dockerfile" : "apps/api/Dockerfile";
        reads.add(threads.submit(() -> session.readFile(monorepo, "main", path)));
      }
      for (Future<SourceFileResult> read : reads) {
        assertThat(read.get().ok()).isTrue();
        assertThat(read.get().commitId()).isEqualTo(tipCommit.name());
      }
      assertThat(cache.fetchCount()).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void twoSessionsAtOnceNeverCorruptTheMirror() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (SourceCache cache = cache()) {
      List<Future<SourceFileResult>> reads = new ArrayList<>();
      for (int s = 0; s < 2; s++) {
        SourceSession session = cache.session();
        for (int i = 0; i < 20; i++) {
          reads.add(
              threads.submit(() -> session.readFile(monorepo, "main", "apps/web/Dockerfile")));
        }
      }
      for (Future<SourceFileResult> read : reads) {
        assertThat(read.get().text()).isEqualTo("FROM node:22-bookworm-slim\n");
      }
      assertThat(cache.fetchCount()).isBetween(1L, 2L);
    } finally {
      threads.shutdownNow();
    }
  }

  private static Repository open(Path dir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
  }
}
