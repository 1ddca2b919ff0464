package io.imagefactory.bench.staterepo;

import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.imagefactory.staterepo.StateTree;
import java.nio.file.Path;

/**
 * Times reading a state repository of 10,000 state files (plus {@code images.yaml}) at its tip: the
 * first read into an empty cache (a full fetch) and warm reads (a no-op fetch, then every state
 * file's bytes).
 *
 * <pre>
 * mvn -o -q -DskipTests package -pl bench -am
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.staterepo.StateRepositoryReadBench [files] [rounds]
 * </pre>
 */
public final class StateRepositoryReadBench {

  private StateRepositoryReadBench() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path work = BenchRepos.tempDir("state-read-bench");
    try {
      Path remote = work.resolve("remote.git");
      BenchRepos.stateRepo(remote, files);
      StateRepositorySettings settings =
          StateRepositorySettings.of(remote.toString(), work.resolve("cache"));
      try (StateRepository state = new StateRepository(settings)) {
        long start = System.nanoTime();
        StateTree first = state.read();
        long cold = System.nanoTime() - start;
        System.out.printf(
            "cold read (clone into empty cache): %.1f ms, %d files%n",
            BenchRepos.millis(cold), first.files().size());
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < rounds; i++) {
          start = System.nanoTime();
          StateTree tree = state.read();
          long took = System.nanoTime() - start;
          best = Math.min(best, took);
          total += took;
          if (tree.files().size() != first.files().size()) {
            throw new IllegalStateException("read " + tree.files().size() + " files");
          }
        }
        System.out.printf(
            "warm read (fetch + %d files): best %.1f ms, mean %.1f ms over %d rounds%n",
            first.files().size(),
            BenchRepos.millis(best),
            BenchRepos.millis(total / rounds),
            rounds);
      }
    } finally {
      BenchRepos.delete(work);
    }
  }
}
