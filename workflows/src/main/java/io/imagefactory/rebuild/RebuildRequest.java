package io.imagefactory.rebuild;

import java.time.Instant;
import java.util.Map;

/**
 * One rebuild to dispatch.
 *
 * @param rebuildId unique per image and rebuild ({@code api#3}), so a retried dispatch can be
 *     recognised
 * @param trigger {@code timer}, {@code approval} or {@code now}
 * @param baseDigests base-image name to the digest this rebuild is for
 */
public record RebuildRequest(
    String image,
    String rebuildId,
    RebuildTarget target,
    String trigger,
    Map<String, String> baseDigests,
    Instant requestedAt) {}
