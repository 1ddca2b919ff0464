package io.imagefactory.git;

import java.util.Locale;

/**
 * Validates repository-relative paths before they reach the object database, so that no read or
 * write can name a file outside the tree or inside {@code .git}.
 */
public final class RepoPaths {

  /** The configuration file people own; the system never writes it. */
  public static final String IMAGES_YAML = "images.yaml";

  private RepoPaths() {}

  /**
   * Returns the canonical form of {@code path} (a leading {@code ./} removed) or throws an {@link
   * IllegalArgumentException} whose message says what is wrong with it.
   */
  public static String normalize(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("path is empty");
    }
    String p = path;
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
      throw new IllegalArgumentException(
          "path '" + path + "' is absolute; it must be relative to the repository root");
    }
    if (p.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("path '" + path + "' contains '\\'; use '/' as separator");
    }
    for (int i = 0; i < p.length(); i++) {
      if (Character.isISOControl(p.charAt(i))) {
        throw new IllegalArgumentException(
            "path '" + printable(path) + "' contains a control character");
      }
    }
    if (p.endsWith("/")) {
      throw new IllegalArgumentException("path '" + path + "' names a directory, not a file");
    }
    for (String part : p.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        throw new IllegalArgumentException("path '" + path + "' has an empty or '.' component");
      }
      if (part.equals("..")) {
        throw new IllegalArgumentException("path '" + path + "' leaves the repository ('..')");
      }
      if (part.toLowerCase(Locale.ROOT).equals(".git")) {
        throw new IllegalArgumentException("path '" + path + "' points into '.git'");
      }
    }
    return p;
  }

  /** True when {@code path} is the people-owned {@code images.yaml} at the repository root. */
  public static boolean isImagesYaml(String normalizedPath) {
    return IMAGES_YAML.equals(normalizedPath);
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    return b.toString();
  }
}
