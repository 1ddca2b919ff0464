package io.imagefactory.hostile;

import io.imagefactory.fuzz.FuzzRuns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hostile-input corpus under {@code src/test/resources/hostile/<family>/}: one file per case
 * and an {@code expected.txt} with one line per case, {@code <case> | <expected outcome>}, where
 * two spaces and {@code #} start a comment that says why.
 */
final class HostileCases {

  /** One case: its name, its file's bytes, and the outcome expected of it. */
  record Case(String name, byte[] content, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private HostileCases() {}

  /** The cases of {@code family}, whose files end in {@code suffix}, in the expectations' order. */
  static List<Case> of(String family, String suffix) {
    List<Case> cases = new ArrayList<>();
    for (String line : read("/hostile/" + family + "/expected.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int bar = line.indexOf('|');
      String name = line.substring(0, bar).strip();
      String expected = line.substring(bar + 1);
      int comment = expected.indexOf("  # ");
      expected = (comment < 0 ? expected : expected.substring(0, comment)).strip();
      byte[] content = bytes("/hostile/" + family + "/" + name + suffix);
      cases.add(new Case(name, content, expected));
    }
    return cases;
  }

  /** See {@link FuzzRuns#assertPrintable}. */
  static void assertPrintable(String text) {
    FuzzRuns.assertPrintable(text);
  }

  private static String read(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = HostileCases.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
