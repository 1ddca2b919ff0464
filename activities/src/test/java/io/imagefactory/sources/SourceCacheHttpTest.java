package io.imagefactory.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.git.GitCredentials;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.GitHttpServer;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class SourceCacheHttpTest {

  private static final String TOKEN = "ghp_s0urceT0kenValue9000";
  private static final String WRONG = "ghp_n0tTheT0kenValue1234";

  @TempDir Path tmp;
  private GitHttpServer server;

  @BeforeEach
  void start() throws Exception {
    for (String name : List.of("frontend", "backend")) {
      try (Repository repo = GitFixtures.bare(tmp.resolve("repos/" + name + ".git"))) {
        GitFixtures.commit(
            repo,
            "main",
            "apps",
            Map.of(
                "apps/a/Dockerfile", "FROM " + name + "-a:1\n",
                "apps/b/Dockerfile", "FROM " + name + "-b:1\n"));
      }
    }
    server = GitHttpServer.start(tmp.resolve("tomcat"), tmp.resolve("repos"), TOKEN);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private SourceCache cache(String token) {
    SourceHosts hosts =
        SourceHosts.github()
            .withAllowedHost("127.0.0.1")
            .withCredentials("127.0.0.1", GitCredentials.fromEnv("SOURCE_TOKEN"));
    return new SourceCache(
        tmp.resolve("cache"), hosts, Map.of("SOURCE_TOKEN", token)::get, Duration.ofSeconds(30));
  }

  @Test
  void fetchesEachRepositoryOnceWithTheTokenAndKeepsItOutOfTheMirrors() throws Exception {
    try (LogCapture logs = LogCapture.start();
        SourceCache cache = cache(TOKEN);
        SourceSession session = cache.session()) {
      for (String name : List.of("frontend", "backend")) {
        for (String app : List.of("a", "b", "a", "b")) {
          SourceFileResult read =
              session.readFile(server.url(name + ".git"), "main", "apps/" + app + "/Dockerfile");
          assertThat(read.text()).isEqualTo("FROM " + name + "-" + app + ":1\n");
        }
      }

      assertThat(server.fetches()).isEqualTo(2);
      assertThat(cache.fetchCount()).isEqualTo(2);
      assertThat(logs.text()).doesNotContain(TOKEN);
    }
    try (Stream<Path> mirrors = Files.list(tmp.resolve("cache"))) {
      for (Path mirror : mirrors.toList()) {
        String config = Files.readString(mirror.resolve("config"));
        assertThat(config)
            .contains("url = " + server.url(""))
            .doesNotContain(TOKEN)
            .doesNotContain("@");
      }
    }
  }

  @Test
  void reportsAWrongTokenPerImageWithoutShowingItAndFetchesOnce() {
    try (LogCapture logs = LogCapture.start();
        SourceCache cache = cache(WRONG);
        SourceSession session = cache.session()) {
      SourceFileResult a =
          session.readFile(server.url("frontend.git"), "main", "apps/a/Dockerfile");
      SourceFileResult b =
          session.readFile(server.url("frontend.git"), "main", "apps/b/Dockerfile");

      assertThat(List.of(a, b))
          .allSatisfy(
              r -> {
                assertThat(r.problem()).isEqualTo(SourceProblem.FETCH_FAILED);
                assertThat(r.message())
                    .contains(server.url("frontend.git"))
                    .contains("authentication failed")
                    .doesNotContain(WRONG)
                    .doesNotContain(TOKEN);
              });
      assertThat(cache.fetchCount()).isEqualTo(1);
      assertThat(server.refused()).isPositive();
      assertThat(logs.text()).contains("failed").doesNotContain(WRONG);
    }
  }
}
