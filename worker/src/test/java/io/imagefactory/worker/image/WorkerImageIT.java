package io.imagefactory.worker.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline proof of the worker's container image. The jib-maven-plugin {@code image-proof}
 * execution (worker/pom.xml, package phase) builds the image with the release configuration on
 * {@link ProofBaseImage} instead of eclipse-temurin:17-jre, which no registry here serves; this
 * test, run by surefire's {@code image-proof} execution in the verify phase (hence the IT suffix:
 * it needs the packaged build), reads the tarball Jib wrote.
 *
 * <p>Verified: what Jib writes into the image config (user, entrypoint with the JVM flags and main
 * class, exposed port, environment, OCI labels, tag), that the base's layer, environment and
 * history are kept under the application layers, and that the classpath names the project's own
 * modules. Not verified: that the real temurin base can be pulled or has a JRE where the base's
 * JAVA_HOME says, and that the image starts: it is never run, since there is no container runtime.
 */
class WorkerImageIT {

  private static final String VERSION = System.getProperty("image-proof.version");
  private static ImageTarball image;

  @BeforeAll
  static void readImage() throws IOException {
    image = ImageTarball.read(Path.of(System.getProperty("image-proof.tarball")));
  }

  @Test
  void runsAsTheDeploymentsNonRootUser() {
    assertThat(config("User")).isEqualTo("10001:10001");
  }

  @Test
  void startsTheWorkerWithContainerSizedJvmFlags() {
    assertThat(strings(image.config().at("/config/Entrypoint")))
        .containsExactly(
            "java",
            "-XX:MaxRAMPercentage=50",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.io.tmpdir=/tmp",
            "-cp",
            "@/app/jib-classpath-file",
            "io.imagefactory.worker.WorkerApplication");
  }

  @Test
  void containsTheMainClassAndTheProjectsModulesOnTheClasspath() throws IOException {
    assertThat(image.hasFile("app/classes/io/imagefactory/worker/WorkerApplication.class"))
        .isTrue();
    String classpath =
        new String(image.file("app/jib-classpath-file").orElseThrow(), StandardCharsets.UTF_8);
    List<String> entries = List.of(classpath.strip().split(":"));
    assertThat(entries)
        .contains(
            "/app/libs/image-factory-workflows-" + VERSION + ".jar",
            "/app/libs/image-factory-activities-" + VERSION + ".jar");
    for (String jar : entries.stream().filter(e -> e.endsWith(".jar")).toList()) {
      assertThat(image.hasFile(jar.substring(1))).as(jar).isTrue();
    }
  }

  @Test
  void exposesOnlyTheHttpPort() {
    assertThat(fieldNames(image.config().at("/config/ExposedPorts"))).containsExactly("8080/tcp");
  }

  @Test
  void keepsTheBaseEnvironmentAndPointsHomeAtTmp() {
    List<String> expected = new ArrayList<>(ProofBaseImage.ENV);
    expected.add("HOME=/tmp");
    assertThat(strings(image.config().at("/config/Env"))).containsExactlyElementsOf(expected);
  }

  @Test
  void labelsTheImageWithTheProjectVersionAndItsBase() {
    JsonNode labels = image.config().at("/config/Labels");
    assertThat(labels.get("org.opencontainers.image.version").asText())
        .isEqualTo(VERSION)
        .isNotEqualTo(ProofBaseImage.BASE_VERSION_LABEL);
    assertThat(labels.get("org.opencontainers.image.title").asText())
        .isEqualTo("image-factory-worker");
    assertThat(labels.get("org.opencontainers.image.base.name").asText())
        .isEqualTo(System.getProperty("image-proof.base"));
    assertThat(labels.get("org.opencontainers.image.source").asText())
        .startsWith("https://github.com/");
  }

  @Test
  void isTaggedAsTheDeploymentsImage() {
    assertThat(strings(image.manifest().get("RepoTags")))
        .containsExactly(System.getProperty("image-proof.repository") + ":" + VERSION);
  }

  @Test
  void layersTheApplicationOnTopOfTheBase() throws IOException {
    assertThat(image.layerDiffIds()).hasSizeGreaterThan(1);
    assertThat(image.layerDiffIds().get(0)).isEqualTo(ProofBaseImage.layerDiffId());
    assertThat(image.layerFiles(0)).containsExactly(ProofBaseImage.LAYER_FILE);
    assertThat(image.config().at("/history/0/created_by").asText()).isEqualTo("ProofBaseImage");
  }

  private static String config(String field) {
    return image.config().at("/config/" + field).asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
