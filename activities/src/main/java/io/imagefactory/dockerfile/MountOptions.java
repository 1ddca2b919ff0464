package io.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the image or stage a {@code RUN --mount=...} takes files from: the {@code from=} option of
 * a comma-separated option list, in any order. Only bind mounts (the default type) and cache mounts
 * read from another image; tmpfs, secret and ssh mounts never do.
 */
final class MountOptions {

  private MountOptions() {}

  static Optional<String> from(String mount) {
    String type = "bind";
    String from = null;
    for (String field : fields(mount)) {
      int equals = field.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = field.substring(0, equals).strip().toLowerCase(Locale.ROOT);
      String value = field.substring(equals + 1);
      if (key.equals("type")) {
        type = value.toLowerCase(Locale.ROOT);
      } else if (key.equals("from")) {
        from = value;
      }
    }
    boolean readsImage = type.equals("bind") || type.equals("cache");
    return readsImage && from != null && !from.isEmpty() ? Optional.of(from) : Optional.empty();
  }

  /** CSV fields: commas separate them, double quotes group them, a doubled quote is a quote. */
  private static List<String> fields(String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
