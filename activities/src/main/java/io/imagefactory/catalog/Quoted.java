package io.imagefactory.catalog;

/** Renders a user-supplied value for an error message: quoted, shortened, control chars shown. */
final class Quoted {

  private static final int MAX_SHOWN = 60;

  private Quoted() {}

  static String of(String value) {
    return "\"" + printable(value) + "\"";
  }

  /** The value shortened, with control characters written as {@code \\uXXXX}. */
  static String printable(String value) {
    String shown = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
    StringBuilder quoted = new StringBuilder();
    shown
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", c));
              } else {
                quoted.appendCodePoint(c);
              }
            });
    return quoted.toString();
  }

  static boolean hasControlCharacter(String value) {
    return value.codePoints().anyMatch(Character::isISOControl);
  }
}
