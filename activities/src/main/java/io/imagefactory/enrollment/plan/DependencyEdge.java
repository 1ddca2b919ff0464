package io.imagefactory.enrollment.plan;

import io.imagefactory.reference.ImageRefs;

/**
 * One thing a managed image is built on: another enrolled image (managed or external), or a base
 * image watched through its own state file.
 *
 * @param image the enrolled image's name, for an edge to an image; else null
 * @param base the base image, for an edge to a base; else null
 * @param pinned true when every reference to it carries a digest
 */
record DependencyEdge(String image, BaseSpec base, boolean pinned) {

  /**
   * A base image before it is named.
   *
   * @param identity see {@link ImageRefs#identity}
   * @param candidateName the name it gets unless it has one or the name is taken
   * @param digest set for a digest-only reference only
   */
  record BaseSpec(
      String identity,
      String candidateName,
      String registry,
      String repository,
      String tag,
      String digest) {}

  static DependencyEdge toImage(String image, boolean pinned) {
    return new DependencyEdge(image, null, pinned);
  }

  static DependencyEdge toBase(BaseSpec base, boolean pinned) {
    return new DependencyEdge(null, base, pinned);
  }

  boolean toImage() {
    return image != null;
  }

  /** What makes two references the same thing: the image name or the base identity. */
  String key() {
    return toImage() ? "image:" + image : "base:" + base.identity();
  }

  DependencyEdge pinnedAlso(boolean otherPinned) {
    return new DependencyEdge(image, base, pinned && otherPinned);
  }
}
