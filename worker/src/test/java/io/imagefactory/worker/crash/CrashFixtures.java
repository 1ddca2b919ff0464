package io.imagefactory.worker.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** What the crash tests share: an examples copy to seed from, and waiting on another process. */
final class CrashFixtures {

  private CrashFixtures() {}

  /**
   * A copy of the project's {@code examples/} in {@code target}, with the rebuild delay of each
   * image in {@code delays} replaced.
   */
  static Path examples(Path target, Map<String, String> delays) throws IOException {
    Path source = Path.of(System.getProperty("image-factory.project-dir"), "examples");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    Path catalog = target.resolve("images.yaml");
    String text = Files.readString(catalog);
    for (var delay : delays.entrySet()) {
      String entry = "- name: " + delay.getKey() + "\n";
      int at = text.indexOf(entry);
      int line = text.indexOf("rebuildDelay: ", at);
      int end = text.indexOf('\n', line);
      if (at < 0 || line < 0) {
        throw new IllegalArgumentException("no rebuildDelay for " + delay.getKey() + " in " + catalog);
      }
      text = text.substring(0, line) + "rebuildDelay: " + delay.getValue() + text.substring(end);
    }
    Files.writeString(catalog, text);
    return target;
  }

  /**
   * Reads {@code value} until {@code done} holds, for at most 60 s of real time: another process
   * does the work, and skipped time only says when it became due.
   */
  static <T> T eventually(Callable<T> value, Predicate<T> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    T last = value.call();
    while (!done.test(last) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
      last = value.call();
    }
    return last;
  }
}
