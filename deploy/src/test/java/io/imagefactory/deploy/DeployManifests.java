package io.imagefactory.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.kargo.ManifestDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every YAML file under {@code deploy/kustomize}, every document, with the file it came from. */
final class DeployManifests {

  /** One YAML document and where it was found. */
  record Document(Path file, JsonNode node) {

    String kind() {
      return node.path("kind").asText();
    }

    String name() {
      return node.path("metadata").path("name").asText();
    }

    boolean isKustomization() {
      return node.path("apiVersion").asText().startsWith("kustomize.config.k8s.io/");
    }
  }

  final Path deployDir;
  final List<Document> documents = new ArrayList<>();

  private DeployManifests(Path deployDir) {
    this.deployDir = deployDir;
  }

  /** The deploy module's directory: the surefire working directory, or beside the project root. */
  static Path deployDir() {
    String project = System.getProperty("image-factory.project-dir");
    Path dir = project == null ? Path.of("").toAbsolutePath() : Path.of(project, "deploy");
    if (!Files.isDirectory(dir.resolve("kustomize"))) {
      throw new IllegalStateException("cannot find deploy/kustomize from " + dir);
    }
    return dir;
  }

  static DeployManifests load() {
    DeployManifests manifests = new DeployManifests(deployDir());
    for (Path file : yamlFiles(manifests.deployDir.resolve("kustomize"))) {
      for (JsonNode node : ManifestDocuments.read(file)) {
        manifests.documents.add(new Document(file, node));
      }
    }
    return manifests;
  }

  List<Document> ofKind(String kind) {
    return documents.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  Document only(String kind) {
    List<Document> found = ofKind(kind);
    if (found.size() != 1) {
      throw new AssertionError("expected exactly one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
