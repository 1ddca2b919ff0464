package io.imagefactory.dockerfile;

/**
 * One base image a Dockerfile refers to, fully normalised.
 *
 * @param ref the normalised reference: {@code registry/repository:tag[@digest]}, or {@code
 *     registry/repository@sha256:...} when only a digest is given
 * @param name the proposed base-image name ({@code node-22-bookworm-slim}), valid as a Kubernetes
 *     resource name and a file name; the planner may disambiguate it against other bases
 * @param registry the registry host, with port if any ({@code docker.io}, {@code localhost:5000})
 * @param repository the repository path ({@code library/node})
 * @param tag the tag, or null for a digest-only reference
 * @param digest the digest ({@code sha256:...}), or null when not pinned
 * @param instruction the instruction that first referred to it: {@code FROM}, {@code COPY}, {@code
 *     ADD} or {@code RUN}
 * @param line the 1-based line of that instruction
 * @param stage the stage that refers to it: its alias, or its index when it has none
 * @param pinned true when the reference carries a digest, so a rebuild would not change it
 */
public record BaseImageReference(
    String ref,
    String name,
    String registry,
    String repository,
    String tag,
    String digest,
    String instruction,
    int line,
    String stage,
    boolean pinned) {}
