package io.imagefactory.staterepo;

import java.time.Instant;

/** Record that a base image has a new digest, first seen at {@code seenAt}. */
public record BaseDigestChange(String baseImage, String digest, Instant seenAt)
    implements StateChange {}
