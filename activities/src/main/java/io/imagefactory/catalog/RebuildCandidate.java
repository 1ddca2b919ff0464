package io.imagefactory.catalog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A new digest of one base image that a dependent image has not been rebuilt on yet. It matures
 * {@code rebuildDelay} after {@code firstSeen}.
 */
@JsonPropertyOrder({"baseImage", "digest", "firstSeen"})
public record RebuildCandidate(String baseImage, String digest, Instant firstSeen) {}
