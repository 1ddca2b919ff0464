package io.imagefactory.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefactory.dockerfile.HeredocMarkers.Heredoc;
import io.imagefactory.reference.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns Dockerfile text into instructions, each with the line it starts on, following BuildKit's
 * parser: parser directives at the top, comment lines, line continuations (comment and blank lines
 * inside a continuation are skipped) and heredocs, whose body lines are never instructions.
 */
final class DockerfileParser {

  private static final Set<String> HEREDOC_KEYWORDS = Set.of("RUN", "COPY", "ADD");

  /** Built on first use: most Dockerfiles have no exec-form line, and a CLI run pays for it. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private final String file;

  DockerfileParser(String file) {
    this.file = file;
  }

  ParsedDockerfile parse(String content) throws DockerfileSyntaxException {
    SourceLines lines = new SourceLines(content);
    ParserDirectives directives = new ParserDirectives(file);
    List<Instruction> instructions = new ArrayList<>();
    while (lines.hasNext()) {
      String first = lines.next().stripLeading();
      int start = lines.number();
      directives.read(first, start);
      if (first.startsWith("#")) {
        continue;
      }
      StringBuilder logical = new StringBuilder();
      boolean continued = append(logical, first, directives.escape());
      while (continued && lines.hasNext()) {
        String line = lines.next();
        String stripped = line.stripLeading();
        if (!stripped.isEmpty() && !stripped.startsWith("#")) {
          continued = append(logical, line, directives.escape());
        }
      }
      if (logical.toString().isBlank()) {
        continue;
      }
      Instruction instruction = Instruction.of(logical.toString(), start);
      InstructionRules.check(file, instruction, directives.escape());
      for (Heredoc heredoc : heredocs(instruction, logical.toString())) {
        skipBody(lines, heredoc, start);
      }
      instructions.add(instruction);
    }
    return new ParsedDockerfile(directives.escape(), instructions);
  }

  /** Appends a line without its continuation escape; true when the instruction continues. */
  private static boolean append(StringBuilder logical, String line, char escape) {
    int last = line.length() - 1;
    while (last >= 0 && (line.charAt(last) == ' ' || line.charAt(last) == '\t')) {
      last--;
    }
    if (last >= 0 && line.charAt(last) == escape) {
      logical.append(line, 0, last);
      return true;
    }
    logical.append(line);
    return false;
  }

  private static List<Heredoc> heredocs(Instruction instruction, String logicalLine) {
    Instruction target = instruction;
    if (target.keyword().equals("ONBUILD")) {
      target = Instruction.of(target.arguments(), target.line());
    }
    if (!HEREDOC_KEYWORDS.contains(target.keyword()) || isJsonArray(target.arguments())) {
      return List.of();
    }
    return HeredocMarkers.find(logicalLine);
  }

  private void skipBody(SourceLines lines, Heredoc heredoc, int start)
      throws DockerfileSyntaxException {
    while (lines.hasNext()) {
      String line = lines.next();
      if (heredoc.stripTabs()) {
        line = stripLeadingTabs(line);
      }
      if (line.equals(heredoc.delimiter())) {
        return;
      }
    }
    throw new DockerfileSyntaxException(
        file,
        start,
        "unterminated heredoc: no line " + Excerpt.of(heredoc.delimiter()) + " closes it");
  }

  private static String stripLeadingTabs(String line) {
    int pos = 0;
    while (pos < line.length() && line.charAt(pos) == '\t') {
      pos++;
    }
    return line.substring(pos);
  }

  /** JSON (exec) form, as BuildKit decides it: the arguments parse as a JSON array of strings. */
  private static boolean isJsonArray(String arguments) {
    if (!arguments.startsWith("[")) {
      return false;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(arguments);
      if (node == null || !node.isArray()) {
        return false;
      }
      for (JsonNode element : node) {
        if (!element.isTextual()) {
          return false;
        }
      }
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
