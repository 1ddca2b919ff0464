package io.imagefactory.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalysis;

/**
 * Renders an analysis as JSON: {@code {"baseImages":[{"ref","name","registry","repository","tag",
 * "digest","instruction","line","stage","pinned"}],"warnings":[...]}}, absent tag or digest as
 * null.
 */
final class AnalysisJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AnalysisJson() {}

  static String render(DockerfileAnalysis analysis) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode baseImages = root.putArray("baseImages");
    for (BaseImageReference image : analysis.baseImages()) {
      baseImages
          .addObject()
          .put("ref", image.ref())
          .put("name", image.name())
          .put("registry", image.registry())
          .put("repository", image.repository())
          .put("tag", image.tag())
          .put("digest", image.digest())
          .put("instruction", image.instruction())
          .put("line", image.line())
          .put("stage", image.stage())
          .put("pinned", image.pinned());
    }
    ArrayNode warnings = root.putArray("warnings");
    analysis.warnings().forEach(warnings::add);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }
}
