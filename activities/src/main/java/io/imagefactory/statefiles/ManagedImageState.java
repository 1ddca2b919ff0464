package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * State file of a managed image (seed 004), plus the fields the durable loop needs.
 *
 * @param discoveryError why the last analysis failed, with file and line where known (added)
 * @param buildErrors why the image's rebuild target is invalid: its workflow file (read at the
 *     commit the Dockerfile was analysed at) or its {@code source.workflowInputs}, each an {@code
 *     images.yaml} error naming the entry and the field. The bases are watched all the same, but no
 *     rebuild is dispatched while any is set; an enrollment that finds the target fixed clears them
 *     (added)
 * @param baseImages names of the base images (files under {@code base-images/}) or of managed
 *     images it is built on, in order of first appearance in the Dockerfile
 * @param pinnedBaseImages the subset of {@code baseImages} referenced by digest: a rebuild would
 *     not change them, so their updates are reported, not rebuilt (added)
 * @param dependentImages managed images built on this one, for cascades (added)
 * @param sourceRevision the commit of the source repository (or of the state repository, for a
 *     Dockerfile kept there) the Dockerfile was last analysed at; a drift check re-analyses the
 *     image once its branch has moved past it (added)
 * @param unknownFields top-level fields this version does not know, written back unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "enrolledAt",
  "lastDiscovery",
  "discoveryStatus",
  "discoveryError",
  "buildErrors",
  "enrollment",
  "baseImages",
  "pinnedBaseImages",
  "dependentImages",
  "sourceRevision",
  "currentVersion",
  "currentDigest",
  "lastBuilt",
  "rebuildState"
})
public record ManagedImageState(
    String name,
    Instant enrolledAt,
    Instant lastDiscovery,
    DiscoveryStatus discoveryStatus,
    String discoveryError,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> buildErrors,
    Enrollment enrollment,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<String> baseImages,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> pinnedBaseImages,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dependentImages,
    String sourceRevision,
    String currentVersion,
    String currentDigest,
    Instant lastBuilt,
    RebuildState rebuildState,
    @JsonAnySetter Map<String, Object> unknownFields)
    implements ImageState {

  @JsonCreator
  public ManagedImageState {
    buildErrors = StateCollections.list(buildErrors);
    baseImages = StateCollections.list(baseImages);
    pinnedBaseImages = StateCollections.list(pinnedBaseImages);
    dependentImages = StateCollections.list(dependentImages);
    unknownFields = StateCollections.fields(unknownFields);
  }

  /** A state without a recorded source revision, as written before drift checks existed. */
  public ManagedImageState(
      String name,
      Instant enrolledAt,
      Instant lastDiscovery,
      DiscoveryStatus discoveryStatus,
      String discoveryError,
      List<String> buildErrors,
      Enrollment enrollment,
      List<String> baseImages,
      List<String> pinnedBaseImages,
      List<String> dependentImages,
      String currentVersion,
      String currentDigest,
      Instant lastBuilt,
      RebuildState rebuildState,
      Map<String, Object> unknownFields) {
    this(
        name,
        enrolledAt,
        lastDiscovery,
        discoveryStatus,
        discoveryError,
        buildErrors,
        enrollment,
        baseImages,
        pinnedBaseImages,
        dependentImages,
        null,
        currentVersion,
        currentDigest,
        lastBuilt,
        rebuildState,
        unknownFields);
  }

  @Override
  @JsonAnyGetter
  public Map<String, Object> unknownFields() {
    return unknownFields;
  }
}
