package io.imagefactory.image;

import java.time.Instant;

/** Kargo saw a new digest of the image itself: a new build (or, for an external image, release). */
public record ImageBuild(String digest, String tag, Instant seenAt) {}
