package io.imagefactory.image;

import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.rebuild.RebuildWindow;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.vulnerability.FastPathPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one image workflow, derived from {@code images.yaml} and the analysis.
 *
 * @param baseImages the bases it is built on (base images or managed images)
 * @param pinnedBaseImages bases referenced by digest: updates are reported, never rebuilt
 * @param dependentImages managed images built on this one, signalled when it is rebuilt
 * @param target where rebuilds go; null for external images
 * @param baseReferences per base, its tag reference ({@code docker.io/library/node:22}), for the
 *     rebuild's input placeholders
 * @param pinsBases true when the target's inputs pin every unpinned base by digest, so a rebuild
 *     builds exactly the matured digests and leaves younger candidates waiting
 * @param buildErrors why the rebuild target is invalid (a workflow file without a dispatch trigger,
 *     an undeclared input); while any, matured rebuilds wait instead of being dispatched
 * @param rebuildWindow when automatic rebuilds may be dispatched; null for at any time
 * @param repoURL the image's own repository, {@code registry/repository}; null when not known
 * @param verify the {@code verify:} rule that covers {@code repoURL}, given only when other images
 *     are built on this one: each new build is checked before it cascades; null when none
 * @param fastPath when a candidate that fixes a vulnerability matures early; null for never
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
    Map<String, String> baseReferences,
    boolean pinsBases,
    List<String> buildErrors,
    RebuildWindow rebuildWindow,
    String repoURL,
    VerifyRule verify,
    FastPathPolicy fastPath) {

  public ImageConfig {
    baseImages = baseImages == null ? List.of() : List.copyOf(baseImages);
    pinnedBaseImages = pinnedBaseImages == null ? List.of() : List.copyOf(pinnedBaseImages);
    dependentImages = dependentImages == null ? List.of() : List.copyOf(dependentImages);
    baseReferences = baseReferences == null ? Map.of() : Map.copyOf(baseReferences);
    buildErrors = buildErrors == null ? List.of() : List.copyOf(buildErrors);
  }

  /** The same configuration with another rebuild window. */
  public ImageConfig withRebuildWindow(RebuildWindow window) {
    return copy(window, repoURL, verify, fastPath);
  }

  /** The same configuration with the image's repository and the rule for its new builds. */
  public ImageConfig withVerify(String repository, VerifyRule rule) {
    return copy(rebuildWindow, repository, rule, fastPath);
  }

  /** The same configuration with another fast path (null: none). */
  public ImageConfig withFastPath(FastPathPolicy policy) {
    return copy(rebuildWindow, repoURL, verify, policy);
  }

  private ImageConfig copy(
      RebuildWindow window, String repository, VerifyRule rule, FastPathPolicy policy) {
    return new ImageConfig(
        name,
        kind,
        rebuildDelay,
        autoRebuild,
        baseImages,
        pinnedBaseImages,
        dependentImages,
        target,
        baseReferences,
        pinsBases,
        buildErrors,
        window,
        repository,
        rule,
        policy);
  }

  /** True when an automatic rebuild may be dispatched at {@code at}. */
  public boolean windowOpen(java.time.Instant at) {
    return rebuildWindow == null || rebuildWindow.isOpen(at);
  }
}
