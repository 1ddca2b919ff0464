package io.imagefactory.image;

/** What Image Factory does with an enrolled image. */
public enum ImageKind {
  /** Built by us from a Dockerfile; rebuilt when its bases change. */
  MANAGED,
  /** Third-party; tracked through its own Warehouse, never built. */
  EXTERNAL;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
