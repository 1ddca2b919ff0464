package io.imagefactory.staterepo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Small idempotent patches for tests and benchmarks. */
public final class TestPatches {

  private TestPatches() {}

  /** Writes {@code text} at {@code path}. */
  public static StatePatch write(String describe, String path, String text) {
    return new StatePatch() {
      @Override
      public String describe() {
        return describe;
      }

      @Override
      public void applyTo(StateFiles files) {
        files.writeString(path, text);
      }
    };
  }

  /** Deletes {@code path}. */
  public static StatePatch delete(String describe, String path) {
    return new StatePatch() {
      @Override
      public String describe() {
        return describe;
      }

      @Override
      public void applyTo(StateFiles files) {
        files.delete(path);
      }
    };
  }

  /** Adds {@code line} to the sorted set of lines in {@code path}: a read-modify-write patch. */
  public static StatePatch addLine(String describe, String path, String line) {
    return new StatePatch() {
      @Override
      public String describe() {
        return describe;
      }

      @Override
      public void applyTo(StateFiles files) {
        TreeSet<String> lines = new TreeSet<>(lines(files.readString(path).orElse("")));
        lines.add(line);
        files.writeString(path, String.join("\n", lines) + "\n");
      }
    };
  }

  /** Several patches applied as one. */
  public static StatePatch all(String describe, StatePatch... parts) {
    List<StatePatch> list = List.of(parts);
    return new StatePatch() {
      @Override
      public String describe() {
        return describe;
      }

      @Override
      public void applyTo(StateFiles files) {
        list.forEach(p -> p.applyTo(files));
      }
    };
  }

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>(Arrays.asList(text.split("\n")));
    out.removeIf(String::isBlank);
    return out;
  }
}
