package io.imagefactory.whatif;

import io.imagefactory.budget.BudgetLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generated state directory for what-if tests: three repositories, a cascade (base-node, built on
 * node, is the base of svc-a and svc-b), windows (svc-b's afternoons, batch's Tuesday mornings), an
 * image awaiting approval, one pinning node by digest, and a budget that binds (two runs per
 * repository, four per host, six dispatches an hour).
 */
public final class WhatIfFleet {

  /** Monday 08:00 UTC: the digest is first seen then. */
  public static final Instant NOW = Instant.parse("2025-06-09T08:00:00Z");

  public static final String NODE = "node-22-bookworm-slim";
  public static final String NODE_REFERENCE = "docker.io/library/node:22-bookworm-slim";
  public static final BudgetLimits LIMITS = new BudgetLimits(2, 4, 6, Map.of(), Map.of(), null);

  /** One image of the fleet. */
  public record Image(
      String name,
      String repo,
      List<String> bases,
      List<String> pinned,
      List<String> dependents,
      String delay,
      boolean autoRebuild,
      String window) {}

  private static final String AFTERNOONS =
      "  rebuildWindow:\n    timeZone: Europe/London\n    ranges:\n"
          + "      - days: [Mon, Tue, Wed, Thu, Fri]\n        from: \"14:00\"\n        to: "
          + "\"18:00\"\n";
  private static final String TUESDAY_MORNINGS =
      "  rebuildWindow:\n    timeZone: Europe/London\n    ranges:\n"
          + "      - days: [Tue]\n        from: \"09:00\"\n        to: \"12:00\"\n";

  public static final List<Image> IMAGES = images();

  private WhatIfFleet() {}

  private static List<Image> images() {
    List<Image> images = new ArrayList<>();
    images.add(
        new Image(
            "base-node",
            "acme/platform",
            List.of(NODE),
            List.of(),
            List.of("svc-a", "svc-b"),
            "1h",
            true,
            null));
    images.add(
        new Image(
            "svc-a", "acme/shop", List.of("base-node"), List.of(), List.of(), "30m", true, null));
    images.add(
        new Image(
            "svc-b",
            "acme/shop",
            List.of("base-node"),
            List.of(),
            List.of(),
            "30m",
            true,
            AFTERNOONS));
    for (int i = 1; i <= 6; i++) {
      String repo = i <= 3 ? "acme/shop" : "acme/data";
      images.add(
          new Image(
              "app-" + i,
              repo,
              List.of(NODE),
              List.of(),
              List.of(),
              i % 2 == 0 ? "2h" : "1h",
              true,
              null));
    }
    images.add(
        new Image(
            "batch",
            "acme/data",
            List.of(NODE),
            List.of(),
            List.of(),
            "1h",
            true,
            TUESDAY_MORNINGS));
    images.add(
        new Image("reviewed", "acme/data", List.of(NODE), List.of(), List.of(), "1h", false, null));
    images.add(
        new Image(
            "pinned",
            "acme/data",
            List.of(NODE, "python-3.12-slim"),
            List.of(NODE),
            List.of(),
            "1h",
            true,
            null));
    return List.copyOf(images);
  }

  /** Writes the state files under {@code dir} and returns it. */
  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("images"));
    Files.createDirectories(dir.resolve("base-images"));
    List<String> onNode = new ArrayList<>();
    List<String> onPython = new ArrayList<>();
    for (Image image : IMAGES) {
      Files.writeString(dir.resolve("images/" + image.name() + ".yaml"), stateFile(image));
      if (image.bases().contains(NODE)) {
        onNode.add(image.name());
      }
      if (image.bases().contains("python-3.12-slim")) {
        onPython.add(image.name());
      }
    }
    Files.writeString(
        dir.resolve("base-images/" + NODE + ".yaml"),
        baseFile(NODE, "node", "library/node", "22-bookworm-slim", onNode));
    Files.writeString(
        dir.resolve("base-images/python-3.12-slim.yaml"),
        baseFile("python-3.12-slim", "python", "library/python", "3.12-slim", onPython));
    return dir;
  }

  private static String stateFile(Image image) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: ")
        .append(image.name())
        .append('\n')
        .append("enrolledAt: \"2025-06-01T10:00:00Z\"\n")
        .append("lastDiscovery: \"2025-06-01T10:00:00Z\"\n")
        .append("discoveryStatus: success\n")
        .append("enrollment:\n")
        .append("  registry: ghcr.io\n")
        .append("  repository: ")
        .append(image.repo())
        .append('/')
        .append(image.name())
        .append('\n')
        .append("  source:\n")
        .append("    provider: github\n")
        .append("    repo: ")
        .append(image.repo())
        .append('\n')
        .append("    dockerfile: ")
        .append(image.name())
        .append("/Dockerfile\n")
        .append("    workflow: ")
        .append(image.name())
        .append(".yml\n")
        .append("  rebuildDelay: ")
        .append(image.delay())
        .append('\n')
        .append("  autoRebuild: ")
        .append(image.autoRebuild())
        .append('\n');
    if (image.window() != null) {
      yaml.append(image.window());
    }
    list(yaml, "baseImages", image.bases());
    list(yaml, "pinnedBaseImages", image.pinned());
    list(yaml, "dependentImages", image.dependents());
    yaml.append("currentVersion: \"1.0.0\"\n")
        .append("currentDigest: sha256:")
        .append("0".repeat(63))
        .append("1\n")
        .append("lastBuilt: \"2025-06-01T12:00:00Z\"\n")
        .append("rebuildState:\n  status: monitoring\n  pendingRebuild: false\n");
    return yaml.toString();
  }

  private static String baseFile(
      String name, String image, String repository, String tag, List<String> dependents) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: ")
        .append(name)
        .append('\n')
        .append("fullImage: ")
        .append(image)
        .append(':')
        .append(tag)
        .append('\n')
        .append("registry: docker.io\n")
        .append("repository: ")
        .append(repository)
        .append('\n')
        .append("tag: ")
        .append(tag)
        .append('\n')
        .append("repoURL: docker.io/")
        .append(repository)
        .append('\n')
        .append("allowTags: ^")
        .append(tag)
        .append("$\n")
        .append("imageSelectionStrategy: Digest\n")
        .append("firstDiscovered: \"2025-06-01T10:00:00Z\"\n")
        .append("watched: true\n");
    list(yaml, "dependentImages", dependents);
    yaml.append("currentDigest: null\nlastUpdated: null\n");
    return yaml.toString();
  }

  private static void list(StringBuilder yaml, String field, List<String> values) {
    if (!values.isEmpty()) {
      yaml.append(field).append(":\n");
      values.forEach(v -> yaml.append("  - ").append(v).append('\n'));
    }
  }
}
