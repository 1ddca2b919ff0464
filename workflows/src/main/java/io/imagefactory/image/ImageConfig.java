package io.imagefactory.image;

import io.imagefactory.rebuild.RebuildTarget;
import java.time.Duration;
import java.util.List;

/**
 * The configuration of one image workflow, derived from {@code images.yaml} and the analysis.
 *
 * @param baseImages the bases it is built on (base images or managed images)
 * @param pinnedBaseImages bases referenced by digest: updates are reported, never rebuilt
 * @param dependentImages managed images built on this one, signalled when it is rebuilt
 * @param target where rebuilds go; null for external images
 * @param buildErrors why the rebuild target is invalid, as enrollment found it ({@code buildErrors}
 *     of the state file); a rebuild must not be dispatched while there are any
 */
public record ImageConfig(
    String name,
    ImageKind kind,
    Duration rebuildDelay,
    boolean autoRebuild,
    List<String> baseImages,
    List<String> pinnedBaseImages,
    List<String> dependentImages,
    RebuildTarget target,
    List<String> buildErrors) {

  public ImageConfig {
    baseImages = baseImages == null ? List.of() : List.copyOf(baseImages);
    pinnedBaseImages = pinnedBaseImages == null ? List.of() : List.copyOf(pinnedBaseImages);
    dependentImages = dependentImages == null ? List.of() : List.copyOf(dependentImages);
    buildErrors = buildErrors == null ? List.of() : List.copyOf(buildErrors);
  }
}
