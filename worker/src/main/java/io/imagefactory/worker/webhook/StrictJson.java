package io.imagefactory.worker.webhook;

import io.imagefactory.HumanText;
import java.util.stream.Collectors;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads a request body with no leniency a proxy and the worker could disagree on: a key given twice
 * is refused (not "the last wins"), a number or boolean is not a string, and nesting is bounded.
 * Fields the record does not know are ignored, so a newer Kargo template adding one does not stall
 * every promotion. Every refusal is a 400 naming the field.
 */
final class StrictJson {

  /** Kargo's body is flat; anything deeper than this is not one of ours. */
  static final int MAX_DEPTH = 8;

  /** Names and values from the request are shown this long at most, control characters quoted. */
  private static final int SHOWN = 100;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private StrictJson() {}

  static boolean isJson(String contentType) {
    try {
      return contentType != null
          && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  /** The body as {@code type}, or an {@link ApiProblem} saying which field is at fault and why. */
  static <T> T read(String contentType, byte[] body, Class<T> type) {
    if (!isJson(contentType)) {
      throw ApiProblem.unsupportedMediaType(
          contentType == null ? null : HumanText.printable(contentType, SHOWN));
    }
    if (body == null || body.length == 0) {
      throw ApiProblem.badRequest("body", "a JSON object is required");
    }
    try {
      // The whole tree first, so a bomb of nesting is refused for its depth, whatever its shape.
      JsonNode tree = MAPPER.readTree(body);
      if (tree == null || !tree.isObject()) {
        throw ApiProblem.badRequest("body", "must be a JSON object");
      }
      return MAPPER.treeToValue(tree, type);
    } catch (StreamConstraintsException e) {
      throw ApiProblem.badRequest("body", "is nested deeper than " + MAX_DEPTH + " levels");
    } catch (StreamReadException e) {
      String message = String.valueOf(e.getOriginalMessage());
      if (message.startsWith("Duplicate Object property")) {
        String field = HumanText.printable(message.replaceAll("(?s).*\"(.*)\".*", "$1"), SHOWN);
        throw ApiProblem.badRequest(
            field, "is given twice; refused rather than guess which counts");
      }
      throw ApiProblem.badRequest("body", "is not valid JSON");
    } catch (JacksonException e) {
      if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
        // Two documents in one body: a proxy may read the first, a server the last.
        throw ApiProblem.badRequest("body", "must be one JSON object with nothing after it");
      }
      if (e.getPath().isEmpty()) {
        throw ApiProblem.badRequest("body", "must be a JSON object");
      }
      String field =
          e.getPath().stream()
              .map(
                  r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
              .map(name -> HumanText.printable(name, SHOWN))
              .collect(Collectors.joining("."));
      throw ApiProblem.badRequest(field, "must be a string");
    }
  }
}
