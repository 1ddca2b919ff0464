package io.imagefactory.starter;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * What the CLI prints, with every control character but newline and tab written as {@code
 * \\uXXXX}: a Dockerfile, an image name or a message from a server can carry terminal escape
 * sequences or raw binary, and none of it may move the cursor, recolour the screen or forge a line
 * of its own on the operator's terminal.
 */
final class PrintableWriter extends FilterWriter {

  private PrintableWriter(Writer out) {
    super(out);
  }

  /** {@code out}, printing only printable text; autoflush as the CLI's writers have it. */
  static PrintWriter wrap(PrintWriter out) {
    return new PrintWriter(new PrintableWriter(out), true);
  }

  @Override
  public void write(int c) throws IOException {
    if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
      out.write(c);
    } else {
      out.write(String.format("\\u%04x", c));
    }
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(buffer[i]);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(text.charAt(i));
    }
  }
}
