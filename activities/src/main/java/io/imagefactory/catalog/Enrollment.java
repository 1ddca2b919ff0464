package io.imagefactory.catalog;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imagefactory.rebuild.RebuildWindow;
import java.util.Map;

/**
 * The {@code enrollment} block of an image state file: the configuration from {@code images.yaml}
 * as last merged. It is always overwritten from {@code images.yaml}, never the other way round.
 *
 * @param rebuildWindow the image's window from {@code images.yaml} (its own, or the file's
 *     default); absent when rebuilds may be dispatched at any time
 * @param unknownFields fields this version does not know, written back unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "registry",
  "repository",
  "source",
  "rebuildDelay",
  "autoRebuild",
  "rebuildWindow"
})
public record Enrollment(
    String registry,
    String repository,
    SourceConfig source,
    String rebuildDelay,
    Boolean autoRebuild,
    RebuildWindow rebuildWindow,
    @JsonAnySetter Map<String, Object> unknownFields) {

  @JsonCreator
  public Enrollment {
    unknownFields = StateCollections.fields(unknownFields);
  }

  public Enrollment(
      String registry,
      String repository,
      SourceConfig source,
      String rebuildDelay,
      Boolean autoRebuild) {
    this(registry, repository, source, rebuildDelay, autoRebuild, null, Map.of());
  }

  /** A block written before {@code rebuildWindow} existed. */
  public Enrollment(
      String registry,
      String repository,
      SourceConfig source,
      String rebuildDelay,
      Boolean autoRebuild,
      Map<String, Object> unknownFields) {
    this(registry, repository, source, rebuildDelay, autoRebuild, null, unknownFields);
  }

  /** The enrollment block for an entry of {@code images.yaml}, with defaults applied. */
  public static Enrollment of(ImageEntry entry) {
    return new Enrollment(
        entry.registry(),
        entry.repository(),
        entry.source(),
        entry.effectiveRebuildDelay(),
        entry.effectiveAutoRebuild(),
        entry.rebuildWindow(),
        Map.of());
  }

  /** This block with the unknown fields of {@code previous} carried over. */
  public Enrollment keepingUnknownFieldsOf(Enrollment previous) {
    return previous == null
        ? this
        : new Enrollment(
            registry,
            repository,
            source,
            rebuildDelay,
            autoRebuild,
            rebuildWindow,
            previous.unknownFields());
  }

  @Override
  @JsonAnyGetter
  public Map<String, Object> unknownFields() {
    return unknownFields;
  }
}
