package io.imagefactory.worker.faults;

import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.worker.WorkerHttp;
import io.imagefactory.worker.temporal.Eventually;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;

/** What the fault suites share: an examples copy, a seeded remote, the webhook, and polling. */
final class FaultFixtures {

  private FaultFixtures() {}

  /** A copy of the project's {@code examples/} in {@code target}. */
  static Path examples(Path target) throws IOException {
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
    return target;
  }

  /** A bare repository at {@code dir} whose {@code main} holds the files of {@code tree}. */
  static Repository remote(Path dir, Path tree) throws IOException {
    Repository repo = GitFixtures.bare(dir);
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(file)) {
          files.put(tree.relativize(file).toString().replace('\\', '/'), Files.readString(file));
        }
      }
    }
    GitFixtures.commit(repo, "main", "Seed the state repository", files);
    return repo;
  }

  /** POSTs {@code json} to the worker's {@code path} with the webhook token. */
  static HttpResponse<String> post(String baseUrl, String token, String path, String json)
      throws IOException, InterruptedException {
    return WorkerHttp.post(baseUrl, token, path, json);
  }

  /**
   * Reads {@code value} until {@code done} holds, skipping {@code step} of test-server time before
   * each read, for at most 120 s of real time: for what only comes after timers and retries.
   */
  static <T> T skipping(
      TestWorkflowEnvironment temporal, Duration step, Callable<T> value, Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    T last = value.call();
    while (!done.test(last) && System.nanoTime() < deadline) {
      temporal.sleep(step);
      last = value.call();
    }
    return last;
  }

  /**
   * Reads {@code value} until {@code done} holds, for at most 60 s of real time: skipped time says
   * when a timer fires, not when the worker has finished the work it started.
   */
  static <T> T eventually(Callable<T> value, Predicate<T> done) throws Exception {
    return Eventually.poll(Duration.ofSeconds(60), value, done);
  }
}
