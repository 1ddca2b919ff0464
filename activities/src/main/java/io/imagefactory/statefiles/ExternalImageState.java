package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imagefactory.vulnerability.ScanSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * State file of an external image (seed 004): tracked through its own Warehouse, never built.
 *
 * @param repoURL {@code registry/repository}, as the Warehouse subscribes to it
 * @param allowTags the tag regex from {@code images.yaml}
 * @param imageSelectionStrategy SemVer, Lexical, Digest or NewestBuild
 * @param dependentImages managed images built on this one (added)
 * @param currentDigest the newest digest Kargo reported (added)
 * @param lastUpdated when that digest was first seen (added)
 * @param scans vulnerability scans of its digests, one per digest, the most recently scanned last,
 *     at most {@code ScanRecords.LIMIT} (added; runtime, kept across enrollments)
 * @param unknownFields top-level fields this version does not know, written back unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "enrolledAt",
  "discoveryStatus",
  "enrollment",
  "repoURL",
  "allowTags",
  "imageSelectionStrategy",
  "baseImages",
  "dependentImages",
  "currentTag",
  "currentDigest",
  "lastUpdated",
  "scans"
})
public record ExternalImageState(
    String name,
    Instant enrolledAt,
    DiscoveryStatus discoveryStatus,
    Enrollment enrollment,
    String repoURL,
    String allowTags,
    String imageSelectionStrategy,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<String> baseImages,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dependentImages,
    String currentTag,
    String currentDigest,
    Instant lastUpdated,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ScanSummary> scans,
    @JsonAnySetter Map<String, Object> unknownFields)
    implements ImageState {

  public ExternalImageState {
    baseImages = StateCollections.list(baseImages);
    dependentImages = StateCollections.list(dependentImages);
    scans = StateCollections.list(scans);
    unknownFields = StateCollections.fields(unknownFields);
  }

  /** The same state with other scans. */
  public ExternalImageState withScans(List<ScanSummary> newScans) {
    return new ExternalImageState(
        name,
        enrolledAt,
        discoveryStatus,
        enrollment,
        repoURL,
        allowTags,
        imageSelectionStrategy,
        baseImages,
        dependentImages,
        currentTag,
        currentDigest,
        lastUpdated,
        newScans,
        unknownFields);
  }

  @Override
  @JsonAnyGetter
  public Map<String, Object> unknownFields() {
    return unknownFields;
  }
}
