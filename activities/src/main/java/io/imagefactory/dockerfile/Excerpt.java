package io.imagefactory.dockerfile;

/** Shortens text quoted in messages, so a hostile Dockerfile cannot make them huge. */
final class Excerpt {

  static final int MAX_LENGTH = 200;

  private Excerpt() {}

  static String of(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
  }
}
