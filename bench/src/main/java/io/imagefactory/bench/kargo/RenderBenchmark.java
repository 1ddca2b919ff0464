package io.imagefactory.bench.kargo;

import io.imagefactory.kargo.GeneratedState;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
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
 * In-process render time of {@code dist/image-factory.k8s.yaml} from state records: {@code java
 * -jar bench/target/benchmarks.jar RenderBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RenderBenchmark {

  @Param({"1000", "10000"})
  int images;

  private GeneratedState state;
  private KargoManifestRenderer renderer;

  @Setup
  public void generate() {
    state = GeneratedState.of(images);
    renderer = new KargoManifestRenderer(KargoSettings.defaults());
  }

  @Benchmark
  public String render() {
    return renderer.renderFile(state.images, state.bases);
  }
}
