package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogFixtures;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.enrollment.plan.AnalysisOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryAnalyzerTest {

  @TempDir Path root;

  private final StateDirectoryAnalyzer analyzer = new StateDirectoryAnalyzer();

  @Test
  void analysesTheExampleDockerfilesWithTheirBuildArgs() throws Exception {
    Path examples = CatalogFixtures.examples();
    Catalog catalog = new CatalogLoader().load(examples.resolve("images.yaml"));

    Map<String, AnalysisOutcome> outcomes = analyzer.analyse(examples, catalog);

    assertThat(outcomes)
        .containsOnlyKeys(
            "api", "base-python", "image-factory-worker", "nginx-site", "reports", "web");
    assertThat(outcomes.values()).allMatch(AnalysisOutcome.Success.class::isInstance);
    assertThat(outcomes.values())
        .as("every example workflow can be dispatched with the inputs images.yaml gives it")
        .allSatisfy(o -> assertThat(((AnalysisOutcome.Success) o).buildProblems()).isEmpty());
    AnalysisOutcome.Success api = (AnalysisOutcome.Success) outcomes.get("api");
    assertThat(api.analysis().baseImages())
        .extracting(BaseImageReference::ref)
        .containsExactly(
            "docker.io/library/golang:1.23-bookworm", "gcr.io/distroless/static-debian12:nonroot");
  }

  @Test
  void reportsRemoteSourcesAsNotAnalysed() throws Exception {
    Catalog catalog =
        catalog(
            "  - name: app\n    registry: ghcr.io\n    repository: org/app\n"
                + "    source: {repo: org/app, dockerfile: Dockerfile}\n");

    assertThat(analyzer.analyse(root, catalog))
        .containsEntry(
            "app", AnalysisOutcome.notAnalysed("source repository org/app is not fetched offline"));
  }

  @Test
  void refusesDockerfilesOutsideTheDirectory(@TempDir Path elsewhere) throws Exception {
    Files.writeString(elsewhere.resolve("Dockerfile"), "FROM alpine:3.20\n");
    Files.createSymbolicLink(root.resolve("Dockerfile"), elsewhere.resolve("Dockerfile"));
    Files.createSymbolicLink(root.resolve("dir"), elsewhere);

    Map<String, AnalysisOutcome> outcomes =
        analyzer.analyse(root, catalog(entry("a", "Dockerfile") + entry("b", "dir/Dockerfile")));

    assertThat(outcomes)
        .containsEntry(
            "a", AnalysisOutcome.failure("Dockerfile: resolves outside the state directory"))
        .containsEntry(
            "b", AnalysisOutcome.failure("dir/Dockerfile: resolves outside the state directory"));
  }

  @Test
  void followsALinkThatStaysInside() throws Exception {
    Files.createDirectories(root.resolve("real"));
    Files.writeString(root.resolve("real/Dockerfile"), "FROM alpine:3.20\n");
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));

    AnalysisOutcome outcome =
        analyzer.analyse(root, catalog(entry("a", "alias/Dockerfile"))).get("a");

    assertThat(outcome).isInstanceOf(AnalysisOutcome.Success.class);
  }

  @Test
  void reportsMissingDirectoriesBrokenAndOversizedDockerfiles() throws Exception {
    Files.createDirectories(root.resolve("dir"));
    Files.writeString(root.resolve("empty"), "# no FROM at all\n");
    Files.write(root.resolve("big"), new byte[1024 * 1024 + 1]);

    Map<String, AnalysisOutcome> outcomes =
        analyzer.analyse(
            root,
            catalog(
                entry("missing", "nope/Dockerfile")
                    + entry("folder", "dir")
                    + entry("broken", "empty")
                    + entry("big", "big")));

    assertThat(outcomes.get("missing"))
        .isEqualTo(AnalysisOutcome.failure("nope/Dockerfile: no such file in the state directory"));
    assertThat(outcomes.get("folder"))
        .isEqualTo(AnalysisOutcome.failure("dir: is not a regular file"));
    assertThat(outcomes.get("big")).isEqualTo(AnalysisOutcome.failure("big: is larger than 1 MiB"));
    assertThat(((AnalysisOutcome.Failure) outcomes.get("broken")).reason()).startsWith("empty:");
  }

  @Test
  void checksTheWorkflowFileBesideTheDockerfileAndRefusesOneOutsideTheDirectory(
      @TempDir Path elsewhere) throws Exception {
    Files.writeString(root.resolve("Dockerfile"), "FROM alpine:3.20\n");
    Files.createDirectories(root.resolve(".github/workflows"));
    Files.writeString(root.resolve(".github/workflows/push.yml"), "on: push\n");
    Files.writeString(elsewhere.resolve("out.yml"), "on: workflow_dispatch\n");
    Files.createSymbolicLink(
        root.resolve(".github/workflows/out.yml"), elsewhere.resolve("out.yml"));
    String entries =
        workflowEntry("push", "push.yml")
            + workflowEntry("out", "out.yml")
            + workflowEntry("none", "none.yml")
            + workflowEntry("by-id", "1234");

    Map<String, AnalysisOutcome> outcomes = analyzer.analyse(root, catalog(entries));

    assertThat(problems(outcomes, "push"))
        .containsExactly(
            "images.yaml: image 'push': field 'source.workflow': .github/workflows/push.yml has no"
                + " workflow_dispatch trigger (on: push), so it cannot be dispatched");
    assertThat(problems(outcomes, "out"))
        .containsExactly(
            "images.yaml: image 'out': field 'source.workflow': .github/workflows/out.yml:"
                + " resolves outside the state directory");
    assertThat(problems(outcomes, "none"))
        .containsExactly(
            "images.yaml: image 'none': field 'source.workflow': .github/workflows/none.yml does"
                + " not exist in the state directory");
    assertThat(problems(outcomes, "by-id")).as("a workflow id names no file").isEmpty();
  }

  private static List<String> problems(Map<String, AnalysisOutcome> outcomes, String image) {
    return ((AnalysisOutcome.Success) outcomes.get(image)).buildProblems();
  }

  private static String workflowEntry(String name, String workflow) {
    return "  - name: %s\n    registry: ghcr.io\n    repository: org/%s\n".formatted(name, name)
        + "    source: {dockerfile: Dockerfile, workflow: \"%s\"}\n".formatted(workflow);
  }

  private static String entry(String name, String dockerfile) {
    return ("  - name: %s\n    registry: ghcr.io\n    repository: org/%s\n    source: "
            + "{dockerfile: %s}\n")
        .formatted(name, name, dockerfile);
  }

  private static Catalog catalog(String entries) throws CatalogException {
    return new CatalogLoader()
        .parse("images.yaml", ("images:\n" + entries).getBytes(StandardCharsets.UTF_8));
  }
}
