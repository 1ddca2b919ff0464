package io.imagefactory.worker.crash;

import io.imagefactory.github.FakeGitHub;
import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.github.Fixtures;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.worker.temporal.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/** What the crash tests share: an examples copy to seed from, and waiting on another process. */
final class CrashFixtures {

  static final String STATE_REPO_API = "/repos/example-org/image-factory-state";

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
        throw new IllegalArgumentException(
            "no rebuildDelay for " + delay.getKey() + " in " + catalog);
      }
      text = text.substring(0, line) + "rebuildDelay: " + delay.getValue() + text.substring(end);
    }
    Files.writeString(catalog, text);
    return target;
  }

  /**
   * Makes {@code github} the state repository's GitHub for {@code workflow}: its file, and
   * dispatches that start runs which have succeeded when first looked at. Returns the worker
   * settings that point at it with a token in {@code dir}.
   */
  static Map<String, String> gitHub(FakeGitHub github, Path examples, String workflow, Path dir)
      throws IOException {
    github.on(
        "GET",
        STATE_REPO_API + "/contents/.github/workflows/" + workflow,
        Fixtures.contents(Files.readString(examples.resolve(".github/workflows/" + workflow))));
    AtomicInteger runs = new AtomicInteger();
    github.on(
        "POST",
        dispatches(workflow),
        request -> {
          int id = runs.incrementAndGet();
          github.on(
              "GET",
              STATE_REPO_API + "/actions/runs/" + id,
              Answer.json(
                  200, Fixtures.run(id, "Build #" + id, Instant.now(), "completed", "success")));
          return Answer.json(
              200,
              "{\"workflow_run_id\": "
                  + id
                  + ", \"run_url\": \""
                  + github.baseUrl()
                  + STATE_REPO_API
                  + "/actions/runs/"
                  + id
                  + "\", \"html_url\": \"https://github.com/x/y/actions/runs/"
                  + id
                  + "\"}");
        });
    Path token = Files.writeString(dir.resolve("github-token"), "ghp_" + "crash".repeat(8));
    return Map.of(
        "image-factory.github.token-file", token.toString(),
        "image-factory.github.base-url", github.baseUrl().toString(),
        "image-factory.github.state-repository", "example-org/image-factory-state");
  }

  static String dispatches(String workflow) {
    return STATE_REPO_API + "/actions/workflows/" + workflow + "/dispatches";
  }

  /** Appends {@code count} external images ({@code ext-001}, ...) to the copy's images.yaml. */
  static void addExternalImages(Path examples, int count) throws IOException {
    StringBuilder more = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      String name = String.format("ext-%03d", i);
      more.append("\n  - name: ")
          .append(name)
          .append("\n    registry: quay.io\n    repository: crash/")
          .append(name)
          .append("\n    allowTags: ^1\\.0$\n");
    }
    Files.writeString(examples.resolve("images.yaml"), more.toString(), StandardOpenOption.APPEND);
  }

  /**
   * A bare repository at {@code dir} whose {@code main} holds the files of {@code examples} in one
   * commit, and that refuses non-fast-forward pushes as a protected branch does.
   */
  static Repository remote(Path dir, Path examples) throws IOException {
    Repository repo = GitFixtures.bare(dir);
    StoredConfig config = repo.getConfig();
    config.setBoolean("receive", null, "denyNonFastForwards", true);
    config.setBoolean("receive", null, "denyDeletes", true);
    config.save();
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(examples)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(file)) {
          files.put(
              examples.relativize(file).toString().replace('\\', '/'), Files.readString(file));
        }
      }
    }
    GitFixtures.commit(repo, "main", "Seed the state repository", files);
    return repo;
  }

  /**
   * Reads {@code value} until {@code done} holds, for at most 60 s of real time: another process
   * does the work, and skipped time only says when it became due.
   */
  static <T> T eventually(Callable<T> value, Predicate<T> done) throws Exception {
    return Eventually.poll(Duration.ofSeconds(60), value, done);
  }
}
