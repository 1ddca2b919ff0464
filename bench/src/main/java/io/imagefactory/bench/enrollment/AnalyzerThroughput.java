package io.imagefactory.bench.enrollment;

import io.imagefactory.dockerfile.DockerfileAnalyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Dockerfiles the analyzer gets through per second of one core's CPU time, on the Dockerfiles of a
 * generated fleet: one thread, after a warm-up, measured by that thread's CPU time so other work on
 * the machine does not count.
 */
public final class AnalyzerThroughput {

  private static final int DOCKERFILES = 1_000;

  private AnalyzerThroughput() {}

  public static void main(String[] args) throws Exception {
    System.out.printf("%.0f Dockerfiles per CPU second%n", perCpuSecond(42));
  }

  public static double perCpuSecond(long seed) throws Exception {
    Random random = new Random(seed);
    List<String> dockerfiles = new ArrayList<>();
    for (int i = 0; i < DOCKERFILES; i++) {
      dockerfiles.add(GenerateEnrollmentRepos.dockerfile(random, i, null));
    }
    DockerfileAnalyzer analyzer = new DockerfileAnalyzer();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    analyzeFor(analyzer, dockerfiles, 2_000_000_000L, threads);
    long cpuBefore = threads.getCurrentThreadCpuTime();
    long analysed = analyzeFor(analyzer, dockerfiles, 5_000_000_000L, threads);
    return analysed / ((threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9);
  }

  /** Analyses the Dockerfiles round after round for {@code cpuNanos} of this thread's CPU time. */
  private static long analyzeFor(
      DockerfileAnalyzer analyzer, List<String> dockerfiles, long cpuNanos, ThreadMXBean threads)
      throws Exception {
    long until = threads.getCurrentThreadCpuTime() + cpuNanos;
    long analysed = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      for (String dockerfile : dockerfiles) {
        analyzer.analyze("Dockerfile", dockerfile, Map.of());
        analysed++;
      }
    }
    return analysed;
  }
}
