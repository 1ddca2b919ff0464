package io.imagefactory.bench.staterepo;

import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceFileResult;
import io.imagefactory.sources.SourceHosts;
import io.imagefactory.sources.SourceSession;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.GitFixtures.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;

/**
 * Times reading the Dockerfiles of 200 images spread over 4 source repositories (monorepos with 50
 * images each and some other files), as one enrollment does: a first session into an empty cache
 * (mirrors created) and a second session (mirrors fetched again). Prints fetch counts.
 *
 * <pre>
 * mvn -o -q -DskipTests package -pl bench -am
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.staterepo.SourceCacheBench
 * </pre>
 */
public final class SourceCacheBench {

  private static final int REPOS = 4;
  private static final int IMAGES_PER_REPO = 50;

  private SourceCacheBench() {}

  public static void main(String[] args) throws Exception {
    Path work = BenchRepos.tempDir("source-cache-bench");
    try {
      List<String> repos = new ArrayList<>();
      for (int r = 0; r < REPOS; r++) {
        Path dir = work.resolve("remotes/monorepo-" + r + ".git");
        try (Repository repo = GitFixtures.bare(dir)) {
          List<Entry> files = new ArrayList<>();
          for (int i = 0; i < IMAGES_PER_REPO; i++) {
            files.add(
                Entry.file(
                    "apps/app-" + i + "/Dockerfile",
                    "ARG BASE=node:22\nFROM ${BASE}\nCOPY . /app\n"));
            for (int f = 0; f < 20; f++) {
              files.add(
                  Entry.file(
                      "apps/app-" + i + "/src/file-" + f + ".js", "console.log(" + f + ");\n"));
            }
          }
          GitFixtures.commit(repo, "main", "monorepo", files);
          BenchRepos.pack(repo);
        }
        repos.add(dir.toString());
      }
      try (SourceCache cache = new SourceCache(work.resolve("cache"), SourceHosts.localOnly())) {
        for (String run : List.of("first run (empty cache)", "second run (mirrors exist)")) {
          long fetchesBefore = cache.fetchCount();
          long start = System.nanoTime();
          try (SourceSession session = cache.session()) {
            for (int i = 0; i < IMAGES_PER_REPO; i++) {
              for (String repo : repos) {
                SourceFileResult read =
                    session.readFile(repo, "main", "apps/app-" + i + "/Dockerfile");
                if (!read.ok()) {
                  throw new IllegalStateException(read.message());
                }
              }
            }
          }
          long took = System.nanoTime() - start;
          System.out.printf(
              "%s: %d Dockerfiles from %d repositories in %.1f ms, %d fetches%n",
              run,
              REPOS * IMAGES_PER_REPO,
              REPOS,
              BenchRepos.millis(took),
              cache.fetchCount() - fetchesBefore);
        }
      }
    } finally {
      BenchRepos.delete(work);
    }
  }
}
