package io.imagefactory.backstage;

/**
 * What one state file contributes to the catalog: its entity as a YAML document, or why it has
 * none.
 *
 * @param name the entity name; null when the file could not be read
 * @param base true for a base image, which gives way to an image of the same name
 * @param document the {@code ---} document, or null
 * @param problem why there is no document, naming file, entry and field; null when there is one
 */
record CatalogEntry(String name, boolean base, String document, String problem) {

  static CatalogEntry of(String name, boolean base, String document) {
    return new CatalogEntry(name, base, document, null);
  }

  static CatalogEntry failed(String name, boolean base, String problem) {
    return new CatalogEntry(name, base, null, problem);
  }
}
