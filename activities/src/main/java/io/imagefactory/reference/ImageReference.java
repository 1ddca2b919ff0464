package io.imagefactory.reference;

/**
 * A normalised image reference.
 *
 * @param registry the registry host with any port ({@code docker.io}, {@code localhost:5000})
 * @param repository the repository path ({@code library/node})
 * @param tag the tag, or null when only a digest is given
 * @param digest the digest ({@code sha256:...}), or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  /** {@code registry/repository:tag[@digest]}, or {@code registry/repository@digest}. */
  public String ref() {
    StringBuilder ref = new StringBuilder(registry).append('/').append(repository);
    if (tag != null) {
      ref.append(':').append(tag);
    }
    if (digest != null) {
      ref.append('@').append(digest);
    }
    return ref.toString();
  }
}
