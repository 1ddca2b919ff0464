package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imagefactory.vulnerability.Severity;

/**
 * The {@code fastPath:} of an image as {@code images.yaml} gives it (its own, else the file's
 * default), kept in the state file's {@code enrollment} block. Absent from the state file when the
 * image takes the built-in default ({@code {severity: CRITICAL, delay: 0s}}), so files enrolled
 * before the fast path existed do not change.
 *
 * @param off true for {@code fastPath: off}: every candidate soaks its full {@code rebuildDelay}
 * @param severity the lowest severity whose fix takes the fast path
 * @param delay how long such a candidate soaks instead, as written ({@code 0s}, {@code 4h})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"off", "severity", "delay"})
public record FastPathSetting(
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean off, Severity severity, String delay) {

  /** {@code fastPath: off}. */
  public static final FastPathSetting OFF = new FastPathSetting(true, null, null);
}
