package io.imagefactory.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.imagefactory.HumanText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs a property over generated inputs, seeded so every failure can be replayed. The normal suite
 * runs a short fixed slice; {@code -Dimage-factory.fuzz.tries=N}, {@code
 * -Dimage-factory.fuzz.seconds=S} (run until that much time has passed) and {@code
 * -Dimage-factory.fuzz.seed=N} run it longer or elsewhere. A failure names the seed and the try,
 * and the input shown with its control characters escaped.
 */
public final class FuzzRuns {

  /** Seed of the normal suite's slice. */
  public static final long DEFAULT_SEED = 20261201L;

  private static final int DEFAULT_TRIES = 300;

  /** One input's check: throws an {@link AssertionError} when the property does not hold. */
  public interface Check<T> {
    void accept(T input) throws Exception;
  }

  private FuzzRuns() {}

  /**
   * Checks {@code property} on inputs made by {@code generator} from a seeded random, each within
   * {@code perTry}.
   */
  public static <T> void check(
      String property, Function<Random, T> generator, Duration perTry, Check<T> check) {
    long seed = Long.getLong("image-factory.fuzz.seed", DEFAULT_SEED);
    long tries = Long.getLong("image-factory.fuzz.tries", DEFAULT_TRIES);
    long seconds = Long.getLong("image-factory.fuzz.seconds", 0);
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    Random random = new Random(seed);
    for (long i = 0; seconds > 0 ? System.nanoTime() < deadline : i < tries; i++) {
      T input = generator.apply(random);
      long attempt = i;
      try {
        assertTimeoutPreemptively(perTry, () -> check.accept(input));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            property
                + " fails on try "
                + attempt
                + " of seed "
                + seed
                + " (run with"
                + " -Dimage-factory.fuzz.seed="
                + seed
                + "): "
                + shown(input),
            e);
      }
    }
  }

  /** Text of {@code tokens} and random characters, up to {@code maxTokens} tokens. */
  public static String tokens(Random random, List<String> tokens, int maxTokens) {
    StringBuilder text = new StringBuilder();
    int count = random.nextInt(maxTokens + 1);
    for (int i = 0; i < count; i++) {
      if (random.nextInt(12) == 0) {
        text.appendCodePoint(randomCodePoint(random));
      } else {
        text.append(tokens.get(random.nextInt(tokens.size())));
      }
    }
    return text.toString();
  }

  /** {@code seed} with a few bytes flipped, cut, repeated or replaced. */
  public static byte[] mutate(Random random, byte[] seed) {
    byte[] bytes = seed.clone();
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && bytes.length > 0; i++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(4)) {
        case 0 -> bytes[at] = (byte) random.nextInt(256);
        case 1 -> bytes = Arrays.copyOf(bytes, at);
        case 2 -> {
          byte[] longer = Arrays.copyOf(bytes, bytes.length + at);
          System.arraycopy(bytes, 0, longer, bytes.length, at);
          bytes = longer;
        }
        default -> bytes[at] = (byte) "\0\n\r\t\u001b\\\"'${}[]:#&*!|>-".charAt(random.nextInt(21));
      }
    }
    return bytes;
  }

  private static int randomCodePoint(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt(0x20);
      case 1 -> 0x80 + random.nextInt(0x20);
      case 2 -> random.nextInt(0x3000);
      default -> "\u202e\u200b\ufeff\u2028\ud800\uffff".charAt(random.nextInt(6));
    };
  }

  private static String shown(Object input) {
    String text =
        input instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8)
            : String.valueOf(input);
    return HumanText.printable(text, 2_000);
  }

  /**
   * Asserts that text meant for a person carries nothing {@linkplain HumanText#isUnprintable
   * unprintable} (a terminal escape, a line break that forges a line of its own, a NUL, a bidi
   * override), apart from the line breaks between the lines of a multi-line message.
   */
  public static void assertPrintable(String text) {
    for (String line : text.split("\n", -1)) {
      assertThat(line.codePoints().filter(HumanText::isUnprintable).toArray())
          .as("unprintable characters in %s", HumanText.printable(line, 500))
          .isEmpty();
    }
  }
}
