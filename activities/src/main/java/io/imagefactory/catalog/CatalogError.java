package io.imagefactory.catalog;

/**
 * One problem in {@code images.yaml}, located as precisely as known.
 *
 * @param file the file name as shown to the user ({@code images.yaml})
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param entry the image's name, {@code #<n>} (1-based position) for an entry without a valid name,
 *     or null for a problem of the whole file
 * @param field the field, dotted for nested ones ({@code source.dockerfile}), or null
 * @param message what is wrong, quoting the offending value
 */
public record CatalogError(
    String file, int line, int column, String entry, String field, String message) {

  /**
   * The entry label of the file's {@code defaults:} mapping; no image can be named so, and it is
   * reported as itself ({@code defaults: field 'rebuildWindow': …}), never as an image.
   */
  public static final String DEFAULTS = "defaults:";

  /** {@code images.yaml:14:5: image 'backstage': field 'rebuildDelay': "7 days" is not ...}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line);
      if (column > 0) {
        text.append(':').append(column);
      }
    }
    text.append(": ");
    if (entry != null) {
      if (DEFAULTS.equals(entry)) {
        text.append(DEFAULTS).append(' ');
      } else {
        text.append(entry.startsWith("#") ? "entry " + entry : "image '" + entry + "'")
            .append(": ");
      }
    }
    if (field != null) {
      text.append("field '").append(field).append("': ");
    }
    return text.append(message).toString();
  }
}
