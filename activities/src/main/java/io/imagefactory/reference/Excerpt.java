package io.imagefactory.reference;

import io.imagefactory.HumanText;

/**
 * Text from a Dockerfile quoted in a message: shortened, so a hostile file cannot make messages
 * huge, and with control characters written as {@code \\uXXXX} (the rule of every user-supplied
 * value Image Factory shows), so a terminal escape or a line break in a Dockerfile reaches no
 * terminal, log line or state file raw.
 */
public final class Excerpt {

  static final int MAX_LENGTH = 200;

  private Excerpt() {}

  public static String of(String text) {
    return HumanText.printable(text, MAX_LENGTH);
  }
}
