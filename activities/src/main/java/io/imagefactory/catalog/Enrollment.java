package io.imagefactory.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code enrollment} block of an image state file: the configuration from {@code images.yaml}
 * as last merged. It is always overwritten from {@code images.yaml}, never the other way round.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"registry", "repository", "source", "rebuildDelay", "autoRebuild"})
public record Enrollment(
    String registry,
    String repository,
    SourceConfig source,
    String rebuildDelay,
    Boolean autoRebuild) {

  /** The enrollment block for an entry of {@code images.yaml}, with defaults applied. */
  public static Enrollment of(ImageEntry entry) {
    return new Enrollment(
        entry.registry(),
        entry.repository(),
        entry.source(),
        entry.effectiveRebuildDelay(),
        entry.effectiveAutoRebuild());
  }
}
