package io.imagefactory.worker.page;

import java.util.Locale;

/**
 * HTML written as text in which every string from outside is escaped: element content and attribute
 * values go through {@link #escape}, and only literal markup of this package is appended raw. State
 * files are hostile input, so no value from them is ever appended unescaped.
 */
final class Html {

  private final StringBuilder out = new StringBuilder(4096);

  /** {@code text} safe as element content and as a quoted attribute value. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> {
          // Control characters have no business in a page; they could confuse a parser.
          if (c < 0x20 && c != '\n' && c != '\t') {
            escaped.append('\uFFFD');
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  /**
   * {@code url} when it is an absolute http(s) URL, else null: a link from a state file never
   * becomes {@code javascript:} or {@code data:}.
   */
  static String safeUrl(String url) {
    if (url == null) {
      return null;
    }
    String lower = url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
  }

  /** Appends literal markup of this package; never a value from outside. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends {@code text} escaped. */
  Html text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Opens {@code tag} with attributes given as name, value pairs; a null value is left out. */
  Html open(String tag, String... attributes) {
    out.append('<').append(tag);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1]));
        out.append('"');
      }
    }
    out.append('>');
    return this;
  }

  Html close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** {@code <tag attributes>text</tag>}. */
  Html element(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** A link to {@code url} when it is http(s), else the text alone. */
  Html link(String url, String text, String... attributes) {
    String safe = safeUrl(url);
    if (safe == null) {
      return text(text);
    }
    String[] all = new String[attributes.length + 4];
    all[0] = "href";
    all[1] = safe;
    all[2] = "rel";
    all[3] = "noopener noreferrer";
    System.arraycopy(attributes, 0, all, 4, attributes.length);
    return element("a", text, all);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
