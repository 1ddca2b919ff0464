package io.imagefactory.bench.kargo;

import io.imagefactory.kargo.GeneratedState;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Render time in wall-clock and in the rendering thread's CPU time, which stays meaningful on a
 * machine shared with other work (JMH's wall-clock scores do not):
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.kargo.RenderTiming 1000 10000
 * </pre>
 */
public final class RenderTiming {

  private static final int WARMUP = 5;
  private static final int RUNS = 10;

  private RenderTiming() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    KargoManifestRenderer renderer = new KargoManifestRenderer(KargoSettings.defaults());
    for (String arg : args.length == 0 ? new String[] {"1000", "10000"} : args) {
      GeneratedState state = GeneratedState.of(Integer.parseInt(arg));
      long[] wall = new long[RUNS];
      long[] cpu = new long[RUNS];
      int size = 0;
      for (int i = -WARMUP; i < RUNS; i++) {
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        size = renderer.renderFile(state.images, state.bases).length();
        if (i >= 0) {
          wall[i] = System.nanoTime() - wall0;
          cpu[i] = threads.getCurrentThreadCpuTime() - cpu0;
        }
      }
      System.out.printf(
          "%s images (%d state files, %d bytes): median %d ms wall, %d ms CPU; best %d ms CPU%n",
          arg,
          state.images.size() + state.bases.size(),
          size,
          median(wall) / 1_000_000,
          median(cpu) / 1_000_000,
          Arrays.stream(cpu).min().orElse(0) / 1_000_000);
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
