package io.imagefactory.bench.dockerfile;

import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.DockerfileAnalyzer;
import io.imagefactory.dockerfile.DockerfileSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to analyse one Dockerfile: a realistic multi-stage one (a test fixture), and 1 MiB inputs at
 * the size limit (many stages; one ARG-heavy file). Run with {@code java -jar
 * bench/target/benchmarks.jar DockerfileAnalyzerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DockerfileAnalyzerBenchmark {

  @Param({"node-app", "1mib-stages", "1mib-args"})
  public String input;

  private final DockerfileAnalyzer analyzer = new DockerfileAnalyzer();
  private String content;

  @Setup
  public void load() throws IOException {
    content =
        switch (input) {
          case "node-app" -> fixture("node-app.Dockerfile");
          case "1mib-stages" ->
              fill(
                  "FROM golang:1.23\nRUN --mount=type=cache,target=/x go build\n"
                      + "FROM alpine:3.20\nCOPY --from=0 /app /app\n");
          case "1mib-args" -> "ARG A=1\n" + fill("ARG B=${A:-x}-$A\nFROM node:${B}\n");
          default -> throw new IllegalArgumentException(input);
        };
  }

  @Benchmark
  public DockerfileAnalysis analyze() throws DockerfileSyntaxException {
    return analyzer.analyze("Dockerfile", content, Map.of());
  }

  /** Repeats a block up to just under the analyzer's size limit. */
  private static String fill(String block) {
    return block.repeat((DockerfileAnalyzer.MAX_BYTES - 16) / block.length());
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in =
        DockerfileAnalyzerBenchmark.class.getResourceAsStream("/dockerfiles/" + name)) {
      if (in == null) {
        throw new IOException("no fixture " + name + " on the class path (activities test-jar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
