package io.imagefactory.image;

import io.imagefactory.rebuild.RebuildTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Image configurations for workflow tests. */
final class ImageWorkflowFixtures {

  static final String NODE = "node-22-bookworm-slim";
  static final String DISTROLESS = "distroless-static-debian12-nonroot";

  private ImageWorkflowFixtures() {}

  static ImageConfig managed(String name, Duration delay, boolean autoRebuild, String... bases) {
    return new ImageConfig(
        name,
        ImageKind.MANAGED,
        delay,
        autoRebuild,
        List.of(bases),
        List.of(),
        List.of(),
        target(name),
        Map.of(),
        false,
        List.of(),
        null,
        null,
        null,
        null);
  }

  static ImageConfig withDependents(ImageConfig config, String... dependents) {
    return new ImageConfig(
        config.name(),
        config.kind(),
        config.rebuildDelay(),
        config.autoRebuild(),
        config.baseImages(),
        config.pinnedBaseImages(),
        List.of(dependents),
        config.target(),
        config.baseReferences(),
        config.pinsBases(),
        config.buildErrors(),
        null,
        null,
        null,
        null);
  }

  static ImageConfig withPinned(ImageConfig config, String... pinned) {
    return new ImageConfig(
        config.name(),
        config.kind(),
        config.rebuildDelay(),
        config.autoRebuild(),
        config.baseImages(),
        List.of(pinned),
        config.dependentImages(),
        config.target(),
        config.baseReferences(),
        config.pinsBases(),
        config.buildErrors(),
        null,
        null,
        null,
        null);
  }

  /** The same image with build inputs that pin every base by digest. */
  static ImageConfig pinning(ImageConfig config) {
    return new ImageConfig(
        config.name(),
        config.kind(),
        config.rebuildDelay(),
        config.autoRebuild(),
        config.baseImages(),
        config.pinnedBaseImages(),
        config.dependentImages(),
        config.target(),
        config.baseReferences(),
        true,
        config.buildErrors(),
        null,
        null,
        null,
        null);
  }

  /** The same image with an invalid rebuild target. */
  static ImageConfig withBuildErrors(ImageConfig config, String... errors) {
    return new ImageConfig(
        config.name(),
        config.kind(),
        config.rebuildDelay(),
        config.autoRebuild(),
        config.baseImages(),
        config.pinnedBaseImages(),
        config.dependentImages(),
        config.target(),
        config.baseReferences(),
        config.pinsBases(),
        List.of(errors),
        null,
        null,
        null,
        null);
  }

  static RebuildTarget target(String name) {
    return new RebuildTarget(
        "github", "example-org/" + name, "build.yml", "main", Map.of("environment", "prod"));
  }

  static String digest(int n) {
    return String.format("sha256:%064x", n);
  }
}
