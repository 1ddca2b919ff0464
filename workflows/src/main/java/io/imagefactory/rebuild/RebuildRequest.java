package io.imagefactory.rebuild;

import java.time.Instant;
import java.util.Map;

/**
 * One rebuild to dispatch.
 *
 * @param rebuildId unique per image and rebuild ({@code api#3}), so a retried dispatch can find the
 *     run it already started
 * @param trigger why: {@code timer}, {@code approval}, {@code now}, {@code cascade} or {@code
 *     retry}
 * @param baseDigests base-image name to the digest this rebuild is for (the newest matured one)
 * @param baseReferences base-image name to its tag reference, {@code
 *     docker.io/library/node:22-bookworm-slim}, for every base of the image
 * @param resumed true when an earlier workflow run may already have sent this dispatch (the
 *     workflow was restored from git or continued as new mid-dispatch), so the provider looks for
 *     the run before dispatching
 */
public record RebuildRequest(
    String image,
    String rebuildId,
    RebuildTarget target,
    String trigger,
    Map<String, String> baseDigests,
    Map<String, String> baseReferences,
    Instant requestedAt,
    boolean resumed) {

  public RebuildRequest {
    baseDigests = baseDigests == null ? Map.of() : Map.copyOf(baseDigests);
    baseReferences = baseReferences == null ? Map.of() : Map.copyOf(baseReferences);
  }

  public RebuildRequest(
      String image,
      String rebuildId,
      RebuildTarget target,
      String trigger,
      Map<String, String> baseDigests,
      Map<String, String> baseReferences,
      Instant requestedAt) {
    this(image, rebuildId, target, trigger, baseDigests, baseReferences, requestedAt, false);
  }
}
