package io.imagefactory.worker.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The example state enrolls the worker's own image as Jib builds it: its Dockerfile names the base
 * the worker pom gives Jib, its repository is the one Jib pushes, and its build workflow takes the
 * matured base as the pom's {@code image.base}. Without this agreement the example would watch a
 * base the image is not built on.
 */
class ExampleWorkerImageTest {

  private static final Path EXAMPLES =
      Path.of(System.getProperty("image-factory.project-dir"), "examples");
  private static final DockerfileAnalyzer ANALYZER = new DockerfileAnalyzer();

  private static JsonNode entry;
  private static Document workerPom;

  @BeforeAll
  static void read() throws Exception {
    JsonNode catalog =
        new ObjectMapper(new YAMLFactory()).readTree(EXAMPLES.resolve("images.yaml").toFile());
    for (JsonNode image : catalog.get("images")) {
      if (image.get("name").asText().equals("image-factory-worker")) {
        entry = image;
      }
    }
    assertThat(entry).as("image-factory-worker in examples/images.yaml").isNotNull();
    workerPom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
  }

  @Test
  void dockerfileNamesTheBaseJibBuildsOn() throws Exception {
    BaseImageReference example =
        onlyBase(EXAMPLES.resolve(entry.at("/source/dockerfile").asText()));
    BaseImageReference jib =
        onlyBase("worker/pom.xml image.base", "FROM " + pomProperty("image.base"));

    assertThat(example.ref())
        .isEqualTo(jib.ref())
        .isEqualTo("docker.io/library/eclipse-temurin:17-jre");
    assertThat(example.pinned()).isFalse();
  }

  @Test
  void watchesTheRepositoryJibPushesTo() {
    assertThat(entry.get("registry").asText() + "/" + entry.get("repository").asText())
        .isEqualTo(pomProperty("image.repository"));
  }

  @Test
  void rebuildPassesTheMaturedBaseAsTheJibBase() throws Exception {
    BaseImageReference base = onlyBase(EXAMPLES.resolve(entry.at("/source/dockerfile").asText()));
    assertThat(entry.at("/source/workflowInputs/base_image").asText())
        .isEqualTo("${base." + base.name() + ".ref}");

    Path workflow =
        EXAMPLES.resolve(".github/workflows").resolve(entry.at("/source/workflow").asText());
    JsonNode build = new ObjectMapper(new YAMLFactory()).readTree(workflow.toFile());
    JsonNode inputs = build.at("/on/workflow_dispatch/inputs");
    assertThat(List.of(inputs.has("base_image"), inputs.has("rebuild_id")))
        .containsExactly(true, true);
    String script = Files.readString(workflow);
    assertThat(script)
        .contains("BASE_IMAGE: ${{ inputs.base_image }}")
        .contains("-pl worker -am package jib:build")
        .contains("\"-Dimage.base=${BASE_IMAGE}\"");
  }

  private static BaseImageReference onlyBase(Path dockerfile) throws Exception {
    return onlyBase(dockerfile.toString(), Files.readString(dockerfile));
  }

  private static BaseImageReference onlyBase(String name, String content) throws Exception {
    List<BaseImageReference> bases = ANALYZER.analyze(name, content, Map.of()).baseImages();
    assertThat(bases).as(name).hasSize(1);
    return bases.get(0);
  }

  private static String pomProperty(String name) {
    return workerPom.getElementsByTagName(name).item(0).getTextContent().strip();
  }
}
