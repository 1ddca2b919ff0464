package io.imagefactory.catalog.yaml;

import io.imagefactory.HumanText;

/** Renders a user-supplied value for an error message: quoted, shortened, control chars shown. */
public final class Quoted {

  private static final int MAX_SHOWN = 60;

  private Quoted() {}

  public static String of(String value) {
    return "\"" + printable(value) + "\"";
  }

  /** The value shortened, with control characters written as {@code \\uXXXX}. */
  public static String printable(String value) {
    return HumanText.printable(value, MAX_SHOWN);
  }

  public static boolean hasControlCharacter(String value) {
    return value.codePoints().anyMatch(Character::isISOControl);
  }
}
