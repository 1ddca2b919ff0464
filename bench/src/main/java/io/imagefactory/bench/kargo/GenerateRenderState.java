package io.imagefactory.bench.kargo;

import io.imagefactory.kargo.GeneratedState;
import java.nio.file.Path;

/**
 * Writes a generated state directory of N images, to time the whole {@code render} command:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.kargo.GenerateRenderState /tmp/state-10k 10000
 * time java -jar starter/target/image-factory.jar render --state-dir /tmp/state-10k
 * </pre>
 */
public final class GenerateRenderState {

  private GenerateRenderState() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: GenerateRenderState <state-dir> <images>");
      System.exit(2);
    }
    GeneratedState state = GeneratedState.of(Integer.parseInt(args[1]));
    state.writeTo(Path.of(args[0]));
    System.out.printf(
        "Wrote %d image and %d base-image state files to %s%n",
        state.images.size(), state.bases.size(), args[0]);
  }
}
