package io.imagefactory.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imagefactory.enrollment.plan.EnrollmentPlan;
import io.imagefactory.statefiles.FileChange;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an enrollment plan as JSON: {@code {"changes":[{"path","action","content"}],
 * "summary":{...},"errors":[...]}}, with actions in lower case and keys in a stable order.
 */
final class PlanJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  /** The plan; {@code plan} is null when none could be made (an invalid catalog). */
  static String render(EnrollmentPlan plan, List<String> errors) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put(
        "changes",
        plan == null ? List.of() : plan.changes().stream().map(PlanJson::change).toList());
    document.put("summary", plan == null ? null : plan.summary());
    document.put("errors", errors);
    try {
      return MAPPER.writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render the plan as JSON", e);
    }
  }

  private static Map<String, Object> change(FileChange change) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", change.path());
    json.put("action", change.action().name().toLowerCase(Locale.ROOT));
    json.put("content", change.text());
    return json;
  }
}
