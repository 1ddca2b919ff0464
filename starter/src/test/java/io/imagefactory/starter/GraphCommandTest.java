package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.statefiles.ImageRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphCommandTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"dot, graph/expected.dot", "mermaid, graph/expected.mmd"})
  void drawsTheStateFilesExactlyAsTheGoldenFile(String format, String golden) throws Exception {
    CliRun run = CliRun.run("graph", "--format", format, "--state-dir", stateDir().toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(resource(golden));
  }

  @Test
  void drawsTheSameGraphFromTheWorkersImageList() throws Exception {
    List<ImageStatus> statuses = new ArrayList<>();
    for (ImageConfig config :
        List.of(
            Images.managed(
                "web",
                true,
                List.of("node-22-bookworm-slim", "distroless-nodejs22-debian12-latest"),
                List.of()),
            Images.managed("reports", true, List.of("base-python"), List.of()),
            Images.external("postgres"),
            Images.managed("base-python", true, List.of("python-3.12-slim"), List.of()),
            Images.managed(
                "api",
                true,
                List.of("golang-1.23-bookworm", "distroless-static-debian12-nonroot"),
                List.of("distroless-static-debian12-nonroot")))) {
      statuses.add(new ImageStatus(config, ImageRuntime.empty(), "watching"));
    }
    try (FakeWorker worker = new FakeWorker()) {
      worker.answer(200, CliJson.write(statuses));

      CliRun run = CliRun.run("graph", "--worker-url", worker.url());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
      assertThat(run.out()).isEqualTo(resource("graph/expected.dot"));
      assertThat(worker.requests)
          .extracting(FakeWorker.Request::method, FakeWorker.Request::path)
          .containsExactly(tuple("GET", "/api/v1/images"));
    }
  }

  @Test
  void quotesAndSanitisesNamesThatFormatsWouldMisread() {
    ImageGraph graph =
        ImageGraph.of(
            List.of(new ImageGraph.Image("end", true, List.of("o.x", "o-x"), List.of())),
            List.of());

    assertThat(MermaidFormat.of(graph))
        .contains("  n_end[\"end\"]\n")
        .contains("  n_o_x([\"o-x\"])\n")
        .contains("  n_o_x_2([\"o.x\"])\n")
        .contains("  n_end --> n_o_x\n")
        .contains("  n_end --> n_o_x_2\n");
    assertThat(DotFormat.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void namesEveryUnreadableStateFile() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    Files.writeString(images.resolve("api.yaml"), "name: api\nbaseImages: [unclosed\n");
    Files.writeString(images.resolve("web.yaml"), "- just\n- a list\n");

    CliRun run = CliRun.run("graph", "--state-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("cannot read the state files:")
        .contains(
            "images/api.yaml:3:1: invalid YAML: expected ',' or ']', but got <stream end> (while"
                + " parsing a flow sequence at line 2, column 13)\n")
        .contains("images/web.yaml: expected a mapping of fields, got array");
    assertThat(run.out()).isEmpty();
  }

  private static Path stateDir() throws URISyntaxException {
    return Path.of(GraphCommandTest.class.getResource("/graph/state").toURI());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GraphCommandTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
