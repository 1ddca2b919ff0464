package io.imagefactory.rebuild;

import java.time.Instant;
import java.util.Map;

/**
 * One rebuild to dispatch.
 *
 * @param rebuildId unique per image and rebuild ({@code api#3}), so a retried dispatch can find
 *     the run it already started
 * @param trigger why: {@code timer}, {@code approval}, {@code now}, {@code cascade} or {@code
 *     retry}
 * @param baseDigests base-image name to the digest this rebuild is for (the newest matured one)
 * @param baseReferences base-image name to its tag reference, {@code
 *     docker.io/library/node:22-bookworm-slim}, for every base of the image
 */
public record RebuildRequest(
    String image,
    String rebuildId,
    RebuildTarget target,
    String trigger,
    Map<String, String> baseDigests,
    Map<String, String> baseReferences,
    Instant requestedAt) {

  public RebuildRequest {
    baseDigests = baseDigests == null ? Map.of() : Map.copyOf(baseDigests);
    baseReferences = baseReferences == null ? Map.of() : Map.copyOf(baseReferences);
  }
}
