package io.imagefactory.image;

import java.time.Instant;

/** A base of the image has a new digest, first seen at {@code seenAt}. */
public record BaseUpdate(String baseImage, String digest, Instant seenAt) {}
