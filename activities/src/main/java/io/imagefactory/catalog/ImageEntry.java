package io.imagefactory.catalog;

import io.imagefactory.rebuild.RebuildWindow;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.FastPathSetting;
import io.imagefactory.statefiles.SourceConfig;
import java.util.Map;

/**
 * One entry of {@code images.yaml}: a managed image when it has a {@code source}, an external image
 * otherwise. Values are as written; defaults are applied by the accessors named {@code effective*}.
 *
 * @param owner the Backstage entity reference of the image's owner (a Group or User); null when not
 *     given, and the developer-portal rendering applies its default owner
 * @param system the Backstage entity reference of the System the image belongs to, or null
 * @param line the 1-based line of the entry in {@code images.yaml}, 0 when not read from a file
 * @param rebuildWindow when automatic rebuilds may be dispatched: the entry's own {@code
 *     rebuildWindow}, else the one under {@code defaults:}; null for at any time
 * @param fastPath the entry's own {@code fastPath}, else the one under {@code defaults:}; null for
 *     the built-in default (critical fixes mature at once)
 */
public record ImageEntry(
    String name,
    String registry,
    String repository,
    SourceConfig source,
    String rebuildDelay,
    Boolean autoRebuild,
    String allowTags,
    String imageSelectionStrategy,
    String owner,
    String system,
    int line,
    RebuildWindow rebuildWindow,
    FastPathSetting fastPath) {

  public static final String DEFAULT_REBUILD_DELAY = "7d";

  /** True when Image Factory builds this image from a Dockerfile. */
  public boolean managed() {
    return source != null;
  }

  /** The configured rebuild delay, {@value #DEFAULT_REBUILD_DELAY} when none is given. */
  public String effectiveRebuildDelay() {
    return rebuildDelay == null || rebuildDelay.isBlank() ? DEFAULT_REBUILD_DELAY : rebuildDelay;
  }

  /** Rebuilds run without approval unless {@code autoRebuild: false} is set. */
  public boolean effectiveAutoRebuild() {
    return autoRebuild == null || autoRebuild;
  }

  /** The image's repository URL as Kargo names it: {@code registry/repository}. */
  public String repoUrl() {
    return registry + "/" + repository;
  }

  /** The enrollment block of this entry's state file, with defaults applied. */
  public Enrollment enrollment() {
    return new Enrollment(
        registry,
        repository,
        source,
        effectiveRebuildDelay(),
        effectiveAutoRebuild(),
        owner,
        system,
        rebuildWindow,
        null,
        fastPath,
        Map.of());
  }
}
