package io.imagefactory.worker.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The namespace lacks search attributes the worker may not register, or has one of another type.
 * The message says which, and gives the exact commands that fix it, for the Temporal CLI and for
 * Temporal Cloud's {@code tcld}.
 */
public final class SearchAttributesRefusedException extends RuntimeException {

  private static final String WHY =
      "\n\nThe workflows set these attributes, and a server fails every workflow task that sets"
          + " an unregistered one, or one of another type.";

  private SearchAttributesRefusedException(String message) {
    super(message);
  }

  static SearchAttributesRefusedException missing(
      String target, String namespace, Map<String, IndexedValueType> needed, String reason) {
    return new SearchAttributesRefusedException(
        header(target, namespace)
            + "it lacks, or may lack, the search attributes "
            + names(needed)
            + " and "
            + reason
            + ". Create them, then start the worker again:\n\n"
            + createCommands(namespace, needed)
            + WHY
            + " If they exist and this identity may not list them, set"
            + " IMAGE_FACTORY_TEMPORAL_CHECK_SEARCH_ATTRIBUTES=false.");
  }

  static SearchAttributesRefusedException wrongTypes(
      String target,
      String namespace,
      Map<String, IndexedValueType> wanted,
      Map<String, IndexedValueType> found) {
    StringBuilder types = new StringBuilder();
    StringBuilder remove = new StringBuilder();
    StringBuilder rename = new StringBuilder();
    found.forEach(
        (name, type) -> {
          types
              .append(types.isEmpty() ? "" : "; ")
              .append(name)
              .append(" is ")
              .append(typeName(type))
              .append(" where the workflows set ")
              .append(typeName(wanted.get(name)));
          remove
              .append("  temporal operator search-attribute remove --namespace ")
              .append(namespace)
              .append(" --name ")
              .append(name)
              .append('\n');
          rename
              .append("  tcld namespace search-attributes rename --namespace ")
              .append(namespace)
              .append(" --existing-name ")
              .append(name)
              .append(" --new-name ")
              .append(name)
              .append("Old\n");
        });
    Map<String, IndexedValueType> recreate =
        found.keySet().stream()
            .collect(Collectors.toMap(n -> n, wanted::get, (a, b) -> a, TreeMap::new));
    return new SearchAttributesRefusedException(
        header(target, namespace)
            + types
            + ". A search attribute's type cannot change: remove it (on Temporal Cloud, which"
            + " cannot remove one, rename it aside), create it with the right type, then start"
            + " the worker again:\n\n"
            + remove
            + cli(namespace, recreate)
            + "\n\nOn Temporal Cloud:\n\n"
            + rename
            + tcld(namespace, recreate)
            + WHY);
  }

  private static String header(String target, String namespace) {
    return "Temporal namespace " + namespace + " at " + target + " is not ready for the worker: ";
  }

  /** One {@code temporal operator} command per attribute, then the {@code tcld} form. */
  static String createCommands(String namespace, Map<String, IndexedValueType> attributes) {
    return cli(namespace, attributes) + "\n\nOn Temporal Cloud:\n\n" + tcld(namespace, attributes);
  }

  private static String cli(String namespace, Map<String, IndexedValueType> attributes) {
    return attributes.entrySet().stream()
        .map(
            a ->
                "  temporal operator search-attribute create --namespace "
                    + namespace
                    + " --name "
                    + a.getKey()
                    + " --type "
                    + typeName(a.getValue()))
        .collect(Collectors.joining("\n"));
  }

  private static String tcld(String namespace, Map<String, IndexedValueType> attributes) {
    return "  tcld namespace search-attributes add --namespace "
        + namespace
        + attributes.entrySet().stream()
            .map(a -> " --search-attribute \"" + a.getKey() + "=" + typeName(a.getValue()) + "\"")
            .collect(Collectors.joining());
  }

  private static String names(Map<String, IndexedValueType> attributes) {
    return attributes.entrySet().stream()
        .map(a -> a.getKey() + " (" + typeName(a.getValue()) + ")")
        .collect(Collectors.joining(", "));
  }

  /** The name the Temporal CLI and {@code tcld} take. */
  static String typeName(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> type.name();
    };
  }
}
