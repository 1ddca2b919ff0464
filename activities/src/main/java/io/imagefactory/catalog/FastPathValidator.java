package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import io.imagefactory.catalog.yaml.YamlNodes;
import io.imagefactory.statefiles.FastPathSetting;
import io.imagefactory.vulnerability.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads and checks a {@code fastPath}: {@code {severity: CRITICAL, delay: 0s}} (both optional:
 * {@code CRITICAL} and {@code 0s}) or {@code off}. Under {@code defaults:} it applies to every
 * managed image; an image's own replaces it. Each problem names the field it is in.
 */
final class FastPathValidator {

  static final String FIELD = "fastPath";
  static final String OFF = "off";
  static final List<String> POLICY_FIELDS = List.of("severity", "delay");

  private static final String SHAPE = "a mapping {severity: CRITICAL, delay: 0s} or 'off'";

  /** What {@link #read} found; {@code setting} is null when absent or invalid (reported). */
  record Read(boolean present, FastPathSetting setting) {}

  private FastPathValidator() {}

  static Read read(YamlFields fields) {
    Node node = fields.filled(FIELD, SHAPE);
    if (node == null) {
      return new Read(fields.has(FIELD), null);
    }
    if (node instanceof ScalarNode scalar) {
      if (OFF.equals(scalar.getValue())) {
        return new Read(true, FastPathSetting.OFF);
      }
      fields.error(FIELD, "expected " + SHAPE + ", got " + Quoted.of(scalar.getValue()));
      return new Read(true, null);
    }
    if (!(node instanceof MappingNode mapping)) {
      fields.error(FIELD, "expected " + SHAPE + ", got " + YamlNodes.describe(node));
      return new Read(true, null);
    }
    YamlFields policy = fields.nested(mapping, FIELD);
    policy.rejectUnknown(POLICY_FIELDS);
    String severityText = policy.string("severity");
    Severity severity = null;
    boolean valid = true;
    if (severityText != null) {
      Optional<Severity> parsed = Severity.parse(severityText);
      if (parsed.isEmpty()) {
        policy.error(
            "severity",
            Quoted.of(severityText)
                + " is not a severity; write one of "
                + Arrays.toString(Severity.values()));
        valid = false;
      } else {
        severity = parsed.get();
      }
    }
    String delay = policy.checked("delay", policy.string("delay"), FastPathValidator::delay);
    if (policy.has("delay") && delay == null) {
      valid = false;
    }
    if (!valid) {
      return new Read(true, null);
    }
    return new Read(true, new FastPathSetting(false, severity, delay));
  }

  private static Optional<String> delay(String text) {
    try {
      FastPathDelay.parse(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }
}
