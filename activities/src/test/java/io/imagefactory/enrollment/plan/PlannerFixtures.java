package io.imagefactory.enrollment.plan;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Builds what the Dockerfile analyzer would report, and catalogs from YAML text. */
public final class PlannerFixtures {

  private PlannerFixtures() {}

  /** The analysis of a Dockerfile whose base references are {@code refs}, in order. */
  static AnalysisOutcome analysed(String... refs) {
    List<BaseImageReference> bases = Arrays.stream(refs).map(PlannerFixtures::reference).toList();
    return AnalysisOutcome.success(new DockerfileAnalysis(bases, List.of()));
  }

  /**
   * A normalised reference, as the analyzer gives it, for {@code node:22}, {@code
   * gcr.io/a/b@sha256:..}.
   */
  static BaseImageReference reference(String text) {
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    String first = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : "";
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    String registry = hasRegistry ? first : "docker.io";
    String repository = hasRegistry ? rest.substring(first.length() + 1) : rest;
    if (!hasRegistry && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    String ref =
        registry
            + "/"
            + repository
            + (tag == null ? "" : ":" + tag)
            + (digest == null ? "" : "@" + digest);
    String path = repository.startsWith("library/") ? repository.substring(8) : repository;
    // Named as the analyzer names them: tag, or algorithm and 12 hex digits; dots kept.
    String suffix =
        tag != null
            ? tag
            : digest.substring(0, digest.indexOf(':'))
                + "-"
                + digest.substring(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
    String name = (path + "-" + suffix).replaceAll("[^a-z0-9.-]", "-");
    return new BaseImageReference(
        ref, name, registry, repository, tag, digest, "FROM", 1, "0", digest != null);
  }

  static Catalog catalog(String yaml) {
    try {
      return new CatalogLoader().parse("images.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    } catch (CatalogException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** A managed image {@code name} built from {@code apps/<name>/Dockerfile}. */
  static String managed(String name) {
    return managed(name, "7d");
  }

  static String managed(String name, String delay) {
    return """
      - name: %1$s
        registry: ghcr.io
        repository: example-org/%1$s
        source:
          dockerfile: apps/%1$s/Dockerfile
          workflow: build.yml
        rebuildDelay: %2$s
    """
        .formatted(name, delay);
  }

  static String external(String name, String repository, String allowTags) {
    return """
      - name: %s
        registry: docker.io
        repository: %s
        allowTags: %s
        imageSelectionStrategy: Lexical
        rebuildDelay: 30d
        autoRebuild: false
    """
        .formatted(name, repository, allowTags);
  }

  static Catalog images(String... entries) {
    return catalog("images:\n" + String.join("", entries));
  }
}
