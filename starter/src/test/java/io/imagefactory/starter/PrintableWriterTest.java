package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PrintableWriterTest {

  @Test
  void passesCrlfLineEndsAndEscapesALoneCarriageReturn() {
    StringWriter text = new StringWriter();
    try (PrintWriter out = PrintableWriter.wrap(new PrintWriter(text))) {
      out.print("a,b\r\nforged\rline\u001b[2J\r");
    }

    assertThat(text.toString()).isEqualTo("a,b\r\nforged\\u000dline\\u001b[2J\\u000d");
  }
}
