package io.imagefactory.statefiles;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.imagefactory.catalog.yaml.Quoted;
import io.imagefactory.catalog.yaml.YamlDocuments;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns Jackson's failures to read a state file into short messages naming the file, line, column
 * and field: {@code images/api.yaml:2:13: field 'enrolledAt': "yesterday" is not a UTC timestamp}.
 */
final class StateFileErrors {

  private StateFileErrors() {}

  /** Reading that may fail with Jackson's exceptions. */
  interface Parse<T> {
    T run() throws IOException;
  }

  /** Runs {@code parse}, turning Jackson's failures into a {@link StateFileException}. */
  static <T> T parse(String path, Parse<T> parse) throws StateFileException {
    try {
      return parse.run();
    } catch (JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      String prefix = field.isEmpty() ? "" : "field '" + field + "': ";
      throw located(path, e.getLocation(), prefix + describe(e));
    } catch (JacksonException e) {
      if (e.getCause() instanceof MarkedYAMLException syntax && syntax.getProblemMark() != null) {
        throw new StateFileException(
            path,
            syntax.getProblemMark().getLine() + 1,
            syntax.getProblemMark().getColumn() + 1,
            YamlDocuments.syntaxMessage(syntax));
      }
      throw located(path, e.getLocation(), "invalid YAML: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new StateFileException(path, "unreadable: " + e.getMessage());
    }
  }

  private static String describe(JsonMappingException e) {
    if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String value) {
      Class<?> type = invalid.getTargetType();
      if (type == Instant.class) {
        return Quoted.of(value) + " is not a UTC timestamp like 2024-12-04T10:00:00Z";
      }
      if (type.isEnum()) {
        String values =
            Arrays.stream(type.getEnumConstants())
                .map(c -> c instanceof DiscoveryStatus status ? status.value() : c.toString())
                .collect(Collectors.joining(", "));
        return Quoted.of(value) + " is not one of " + values;
      }
    }
    return firstLine(e.getOriginalMessage());
  }

  private static StateFileException located(String path, JsonLocation location, String reason) {
    return location == null || location.getLineNr() <= 0
        ? new StateFileException(path, reason)
        : new StateFileException(path, location.getLineNr(), location.getColumnNr(), reason);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").strip();
  }
}
