package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Backstage entity references, {@code [<kind>:][<namespace>/]<name>}, as the catalog model 1.10
 * checks their parts: a kind of letters and digits, a namespace that is a DNS label, a name of at
 * most 63 letters, digits, {@code -}, {@code _} and {@code .} that starts and ends alphanumeric.
 * The {@code owner} of an image must be a Group or a User, its {@code system} a System.
 */
public final class EntityRefRules {

  /** Kinds an owner may name; Backstage reads a reference without a kind as a Group. */
  public static final Set<String> OWNER_KINDS = Set.of("group", "user");

  /** The one kind a system reference may name. */
  public static final Set<String> SYSTEM_KINDS = Set.of("system");

  private static final int MAX_PART = 63;
  private static final Pattern KIND = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private EntityRefRules() {}

  /** What is wrong with {@code ref} as an owner, or empty when it is valid. */
  public static Optional<String> owner(String ref) {
    return problem(ref, OWNER_KINDS, "group:|user:");
  }

  /** What is wrong with {@code ref} as a system, or empty when it is valid. */
  public static Optional<String> system(String ref) {
    return problem(ref, SYSTEM_KINDS, "system:");
  }

  /** True when {@code name} is a valid entity name (and so a valid namespace-free reference). */
  public static boolean isValidName(String name) {
    return name != null && name.length() <= MAX_PART && NAME.matcher(name).matches();
  }

  /** True when {@code namespace} is a valid entity namespace. */
  public static boolean isValidNamespace(String namespace) {
    return namespace != null
        && namespace.length() <= MAX_PART
        && NAMESPACE.matcher(namespace).matches();
  }

  private static Optional<String> problem(String ref, Set<String> kinds, String kindHint) {
    String quoted = Quoted.of(ref);
    String expected =
        " (expected [" + kindHint + "][<namespace>/]<name>, as in group:default/platform)";
    if (ref.isBlank() || Quoted.hasControlCharacter(ref) || ref.strip().length() != ref.length()) {
      return Optional.of(quoted + " is not a Backstage entity reference" + expected);
    }
    String rest = ref;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      String kind = rest.substring(0, colon);
      if (!KIND.matcher(kind).matches() || kind.length() > MAX_PART) {
        return Optional.of(quoted + ": " + Quoted.of(kind) + " is not a valid kind" + expected);
      }
      if (!kinds.contains(kind.toLowerCase(Locale.ROOT))) {
        return Optional.of(
            quoted
                + ": must refer to a "
                + String.join(" or ", kinds.stream().sorted().toList())
                + ", not a "
                + kind);
      }
      rest = rest.substring(colon + 1);
    }
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String namespace = rest.substring(0, slash);
      if (!isValidNamespace(namespace)) {
        return Optional.of(
            quoted
                + ": "
                + Quoted.of(namespace)
                + " is not a valid namespace: use lower-case letters,"
                + " digits and single '-' between them, at most 63 characters");
      }
      rest = rest.substring(slash + 1);
    }
    if (!isValidName(rest)) {
      return Optional.of(
          quoted
              + ": "
              + Quoted.of(rest)
              + " is not a valid entity name: use letters, digits, '-', '_'"
              + " and '.', starting and ending with a letter or digit, at most 63 characters"
              + expected);
    }
    return Optional.empty();
  }
}
