package io.imagefactory.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Fixture files from {@code src/test/resources}, with {@code ${name}} placeholders filled in. */
public final class Fixtures {

  private Fixtures() {}

  /**
   * @param vars name, value, name, value…
   */
  public static String read(String name, String... vars) {
    String text = raw(name);
    for (int i = 0; i + 1 < vars.length; i += 2) {
      text = text.replace("${" + vars[i] + "}", vars[i + 1]);
    }
    if (text.contains("${")) {
      throw new IllegalArgumentException("fixture " + name + " has unfilled placeholders: " + text);
    }
    return text;
  }

  /** The file as it is (a workflow file's own {@code ${{ }}} expressions stay). */
  public static String raw(String name) {
    String text;
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text;
  }

  /**
   * One workflow run as GitHub lists it, dispatched on {@code main}; null conclusion while running.
   */
  public static String run(
      long id, String title, Instant created, String status, String conclusion) {
    return run(id, title, created, status, conclusion, "main", "workflow_dispatch");
  }

  public static String run(
      long id,
      String title,
      Instant created,
      String status,
      String conclusion,
      String branch,
      String event) {
    return read(
        "github/workflow-run.json",
        "id",
        Long.toString(id),
        "title",
        title,
        "created",
        created.toString(),
        "updated",
        created.plusSeconds(300).toString(),
        "status",
        status,
        "conclusion",
        conclusion == null ? "null" : "\"" + conclusion + "\"",
        "branch",
        branch,
        "event",
        event);
  }

  /** A run listing ({@code GET .../runs}) holding {@code runs}. */
  public static FakeGitHub.Answer runs(String... runs) {
    return FakeGitHub.Answer.json(
        200,
        read(
            "github/workflow-runs.json",
            "count",
            Integer.toString(runs.length),
            "runs",
            String.join(",", runs)));
  }

  /** A contents answer for a workflow file, base64 in 60-column lines as GitHub sends it. */
  public static FakeGitHub.Answer contents(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String base64 =
        Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(bytes).replace("\n", "\\n");
    return FakeGitHub.Answer.json(
        200,
        read("github/contents.json", "size", Integer.toString(bytes.length), "content", base64));
  }
}
