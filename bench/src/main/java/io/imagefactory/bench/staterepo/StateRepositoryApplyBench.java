package io.imagefactory.bench.staterepo;

import io.imagefactory.staterepo.ApplyResult;
import io.imagefactory.staterepo.StatePatch;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.imagefactory.staterepo.TestPatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times applying and pushing one batch of 100 patches, each rewriting one state file, to a state
 * repository of 10,000 state files, with a warm cache: the first batch of a new instance (fetch,
 * apply, commit, push) and following batches (built on the tip the instance pushed last).
 *
 * <pre>
 * mvn -o -q -DskipTests package -pl bench -am
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.staterepo.StateRepositoryApplyBench [files] [rounds]
 * </pre>
 */
public final class StateRepositoryApplyBench {

  private StateRepositoryApplyBench() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path work = BenchRepos.tempDir("state-apply-bench");
    try {
      Path remote = work.resolve("remote.git");
      BenchRepos.stateRepo(remote, files);
      StateRepositorySettings settings =
          StateRepositorySettings.of(remote.toString(), work.resolve("cache"));
      try (StateRepository warmUp = new StateRepository(settings)) {
        warmUp.read();
      }
      try (StateRepository state = new StateRepository(settings)) {
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int round = 0; round < rounds; round++) {
          long start = System.nanoTime();
          ApplyResult result = state.apply(batch(round));
          long took = System.nanoTime() - start;
          if (!result.committed() || result.changedPaths().size() != 100) {
            throw new IllegalStateException("unexpected result " + result);
          }
          if (round == 0) {
            System.out.printf(
                "first batch of a new instance (fetch + apply 100 + commit + push): %.1f ms%n",
                BenchRepos.millis(took));
          } else {
            best = Math.min(best, took);
            total += took;
          }
        }
        System.out.printf(
            "next batches (apply 100 + commit + push on the tip it pushed): best %.1f ms, mean "
                + "%.1f ms over %d rounds%n",
            BenchRepos.millis(best), BenchRepos.millis(total / (rounds - 1)), rounds - 1);
      }
    } finally {
      BenchRepos.delete(work);
    }
  }

  private static List<StatePatch> batch(int round) {
    List<StatePatch> patches = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String name = String.format("image-%05d", round * 100 + i);
      String digest = "sha256:" + String.format("%064x", round + 1);
      patches.add(
          TestPatches.write(
              "record digest of " + name,
              "images/" + name + ".yaml",
              BenchRepos.stateFile(name, digest)));
    }
    return patches;
  }
}
