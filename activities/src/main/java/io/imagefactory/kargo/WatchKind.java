package io.imagefactory.kargo;

/** The three kinds of image a Warehouse watches, each with its own name prefix and state file. */
enum WatchKind {
  BASE("base", "base-", "base-images/"),
  EXTERNAL("external", "external-", "images/"),
  MANAGED("managed", "image-", "images/");

  private final String label;
  private final String namePrefix;
  private final String stateDir;

  WatchKind(String label, String namePrefix, String stateDir) {
    this.label = label;
    this.namePrefix = namePrefix;
    this.stateDir = stateDir;
  }

  /** The value of the {@code image-factory.io/kind} label. */
  String label() {
    return label;
  }

  /** Prefixes keep the Warehouse of base {@code x} apart from that of image {@code x}. */
  String namePrefix() {
    return namePrefix;
  }

  /** The state file of an image of this kind, relative to the state repository root. */
  String stateFile(String imageName) {
    return stateDir + imageName + ".yaml";
  }
}
