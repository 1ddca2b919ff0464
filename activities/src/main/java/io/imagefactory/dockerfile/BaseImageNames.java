package io.imagefactory.dockerfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives every base-image reference a unique name. A reference keeps a name it already has, so a new
 * reference never renames an existing base (its state file and Warehouse stay put). New references
 * are named in sorted order: the first takes its candidate name, later ones whose candidate is
 * taken get a suffix from a hash of the reference. The result depends only on the inputs, never on
 * the order they arrive in.
 */
public final class BaseImageNames {

  /** Names are DNS-1123 labels: at most 63 characters. */
  public static final int MAX_LENGTH = 63;

  private static final int HASH_LENGTH = 8;

  private BaseImageNames() {}

  /**
   * Assigns names.
   *
   * @param existing normalised reference to the name it already has (from state files)
   * @param candidates normalised reference to its candidate name, for references to name
   * @return normalised reference to its name, for every reference of both maps
   */
  public static Map<String, String> assign(
      Map<String, String> existing, Map<String, String> candidates) {
    Map<String, String> names = new HashMap<>(existing);
    Set<String> taken = new HashSet<>(existing.values());
    for (Map.Entry<String, String> candidate : new TreeMap<>(candidates).entrySet()) {
      String ref = candidate.getKey();
      if (names.containsKey(ref)) {
        continue;
      }
      String name = candidate.getValue();
      if (taken.contains(name)) {
        name = withHashSuffix(name, ref);
      }
      names.put(ref, name);
      taken.add(name);
    }
    return names;
  }

  /** {@code name-<8 hex of sha256(ref)>}, shortened so the result stays within 63 characters. */
  public static String withHashSuffix(String name, String ref) {
    String prefix = name.substring(0, Math.min(name.length(), MAX_LENGTH - HASH_LENGTH - 1));
    while (prefix.endsWith("-") || prefix.endsWith(".")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + "-" + sha256Hex(ref).substring(0, HASH_LENGTH);
  }

  private static String sha256Hex(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : hash) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
