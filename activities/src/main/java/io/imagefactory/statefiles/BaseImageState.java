package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.vulnerability.ScanSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * State file {@code base-images/<name>.yaml} of a base image discovered from Dockerfiles (seed
 * 004), plus the fields the durable loop needs.
 *
 * @param fullImage the reference in its familiar form ({@code node:22-bookworm-slim})
 * @param tag the watched tag; null for a digest-only reference, which is never watched
 * @param digest the digest a digest-only reference names (added)
 * @param repoURL {@code registry/repository}, as the Warehouse subscribes to it
 * @param allowTags {@code ^<tag>$}
 * @param imageSelectionStrategy {@code Digest}: a mutable tag is followed by digest
 * @param watched true once Argo CD has synced the Warehouse that watches it (added)
 * @param currentDigest the newest digest Kargo reported
 * @param lastUpdated when {@code currentDigest} was first seen
 * @param digestHistory earlier digests, newest first, bounded (added)
 * @param verify the {@code verify:} rule of {@code images.yaml} that covers the repository, if any
 *     (added; configuration, so {@code images.yaml} wins)
 * @param scans vulnerability scans of its digests, one per digest, the most recently scanned last,
 *     at most {@code ScanRecords.LIMIT} (added; runtime, kept across enrollments)
 * @param unknownFields top-level fields this version does not know, written back unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "fullImage",
  "registry",
  "repository",
  "tag",
  "digest",
  "repoURL",
  "allowTags",
  "imageSelectionStrategy",
  "firstDiscovered",
  "lastChecked",
  "watched",
  "dependentImages",
  "currentDigest",
  "lastUpdated",
  "digestHistory",
  "verify",
  "scans"
})
public record BaseImageState(
    String name,
    String fullImage,
    String registry,
    String repository,
    String tag,
    String digest,
    String repoURL,
    String allowTags,
    String imageSelectionStrategy,
    Instant firstDiscovered,
    Instant lastChecked,
    Boolean watched,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<String> dependentImages,
    @JsonInclude(JsonInclude.Include.ALWAYS) String currentDigest,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastUpdated,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DigestSighting> digestHistory,
    VerifyRule verify,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ScanSummary> scans,
    @JsonAnySetter Map<String, Object> unknownFields) {

  public BaseImageState {
    dependentImages = StateCollections.list(dependentImages);
    digestHistory = StateCollections.list(digestHistory);
    scans = StateCollections.list(scans);
    unknownFields = StateCollections.fields(unknownFields);
  }

  /** The same state with other scans. */
  public BaseImageState withScans(List<ScanSummary> newScans) {
    return copy(watched, currentDigest, lastUpdated, digestHistory, newScans);
  }

  /** The same state, watched by a Warehouse Argo CD has synced. */
  public BaseImageState asWatched() {
    return copy(true, currentDigest, lastUpdated, digestHistory, scans);
  }

  /** The same state at a new current digest, first seen {@code seenAt}, after {@code history}. */
  public BaseImageState withDigest(String digest, Instant seenAt, List<DigestSighting> history) {
    return copy(watched, digest, seenAt, history, scans);
  }

  private BaseImageState copy(
      Boolean isWatched,
      String digestNow,
      Instant seenAt,
      List<DigestSighting> history,
      List<ScanSummary> newScans) {
    return new BaseImageState(
        name,
        fullImage,
        registry,
        repository,
        tag,
        digest,
        repoURL,
        allowTags,
        imageSelectionStrategy,
        firstDiscovered,
        lastChecked,
        isWatched,
        dependentImages,
        digestNow,
        seenAt,
        history,
        verify,
        newScans,
        unknownFields);
  }

  @JsonAnyGetter
  public Map<String, Object> unknownFields() {
    return unknownFields;
  }
}
