package io.imagefactory.dockerfile;

/**
 * Walks the lines of a Dockerfile one at a time, numbering them from 1, without holding them all. A
 * trailing carriage return is dropped (CRLF files) and so is a byte-order mark on the first line.
 */
final class SourceLines {

  private final String content;
  private int offset;
  private int number;

  SourceLines(String content) {
    this.content = content.startsWith("\uFEFF") ? content.substring(1) : content;
  }

  boolean hasNext() {
    return offset < content.length();
  }

  /** The next line, without its line terminator. */
  String next() {
    int end = content.indexOf('\n', offset);
    int next = end < 0 ? content.length() : end + 1;
    if (end < 0) {
      end = content.length();
    }
    if (end > offset && content.charAt(end - 1) == '\r') {
      end--;
    }
    String line = content.substring(offset, end);
    offset = next;
    number++;
    return line;
  }

  /** The number of the line last returned by {@link #next()}. */
  int number() {
    return number;
  }
}
