package io.imagefactory.starter.report;

/**
 * A base an image is built on.
 *
 * @param name the base image (or the managed or external image it is built on)
 * @param digest its current digest as the state repository has it; null when none is known
 * @param pinned true when the Dockerfile pins it by digest, so a rebuild would not change it
 */
public record BaseRow(String name, String digest, boolean pinned) {}
