package io.imagefactory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole command as a user runs it, timed by {@code /usr/bin/time}: wall time and the process's
 * peak resident memory, the best of a few runs (the machine is shared).
 */
final class CommandTiming {

  /** Wall and CPU (user + system) seconds and peak resident MiB of the best run. */
  record Timed(double wallSeconds, double cpuSeconds, double peakMiB) {}

  private CommandTiming() {}

  static Timed best(int runs, String... command) throws IOException, InterruptedException {
    Timed best = null;
    for (int i = 0; i < runs; i++) {
      Timed run = once(command);
      if (best == null || run.wallSeconds() < best.wallSeconds()) {
        best = run;
      }
    }
    return best;
  }

  private static Timed once(String... command) throws IOException, InterruptedException {
    Path report = Files.createTempFile("command-timing", ".txt");
    List<String> timed =
        new ArrayList<>(List.of("/usr/bin/time", "-o", report.toString(), "-f", "%e %U %S %M"));
    timed.addAll(List.of(command));
    Process process =
        new ProcessBuilder(timed)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int exit = process.waitFor();
    String[] figures = Files.readString(report, StandardCharsets.UTF_8).trim().split("\\s+");
    Files.delete(report);
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
    }
    int n = figures.length;
    return new Timed(
        Double.parseDouble(figures[n - 4]),
        Double.parseDouble(figures[n - 3]) + Double.parseDouble(figures[n - 2]),
        Long.parseLong(figures[n - 1]) / 1024.0);
  }
}
