package io.imagefactory.starter;

import io.imagefactory.HumanText;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * What the CLI prints, with every unprintable character ({@link HumanText#isUnprintable}) but
 * newline and tab written as {@code \\uXXXX}: a Dockerfile, an image name or a message from a
 * server can carry terminal escape sequences, bidirectional overrides or raw binary, and none of it
 * may move the cursor, recolour the screen, reorder a line or forge one of its own on the
 * operator's terminal. A carriage return passes only as the first half of a CRLF line end (an RFC
 * 4180 CSV report ends its lines so); alone, it could overwrite the line it is on.
 */
final class PrintableWriter extends FilterWriter {

  private boolean carriageReturn;

  private PrintableWriter(Writer out) {
    super(out);
  }

  /** {@code out}, printing only printable text; autoflush as the CLI's writers have it. */
  static PrintWriter wrap(PrintWriter out) {
    return new PrintWriter(new PrintableWriter(out), true);
  }

  @Override
  public void write(int c) throws IOException {
    if (carriageReturn) {
      carriageReturn = false;
      out.write(c == '\n' ? "\r" : HumanText.escape('\r'));
    }
    if (c == '\r') {
      carriageReturn = true; // held until the next character says whether a line ends
      return;
    }
    // One character at a time, so the halves of a surrogate pair (an emoji) pass as they are.
    boolean printable =
        c == '\n' || c == '\t' || Character.isSurrogate((char) c) || !HumanText.isUnprintable(c);
    out.write(printable ? String.valueOf((char) c) : HumanText.escape(c));
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

  @Override
  public void close() throws IOException {
    if (carriageReturn) {
      carriageReturn = false;
      out.write(HumanText.escape('\r'));
    }
    super.close();
  }
}
