package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imagefactory.rebuild.RebuildWindow;
import io.imagefactory.signature.VerifyRule;
import java.util.Map;

/**
 * The {@code enrollment} block of an image state file: the configuration from {@code images.yaml}
 * as last merged. It is always overwritten from {@code images.yaml}, never the other way round.
 *
 * <p>{@code owner} and {@code system} (added) are kept as written, absent when not given, so that
 * enrolling them changes no existing state file; the developer-portal rendering reads them here and
 * applies its defaults itself.
 *
 * @param owner the Backstage entity reference of the image's owner, or null
 * @param system the Backstage entity reference of the image's System, or null
 * @param rebuildWindow the image's window from {@code images.yaml} (its own, or the file's
 *     default); absent when rebuilds may be dispatched at any time
 * @param verify the first {@code verify:} rule matching the image's own repository, written only
 *     when other enrolled images are built on it (its new builds are checked before they cascade);
 *     absent otherwise
 * @param fastPath the image's {@code fastPath} from {@code images.yaml} (its own, or the file's
 *     default); absent for the built-in default (added)
 * @param unknownFields fields this version does not know, written back unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "registry",
  "repository",
  "source",
  "rebuildDelay",
  "autoRebuild",
  "owner",
  "system",
  "rebuildWindow",
  "verify",
  "fastPath"
})
public record Enrollment(
    String registry,
    String repository,
    SourceConfig source,
    String rebuildDelay,
    Boolean autoRebuild,
    String owner,
    String system,
    RebuildWindow rebuildWindow,
    VerifyRule verify,
    FastPathSetting fastPath,
    @JsonAnySetter Map<String, Object> unknownFields) {

  @JsonCreator
  public Enrollment {
    unknownFields = StateCollections.fields(unknownFields);
  }

  /** This block under the rule {@code rule} for the image's own builds (null: none). */
  public Enrollment withVerify(VerifyRule rule) {
    return copy(rule, unknownFields);
  }

  /** A block of the five basic fields, the others absent. */
  public Enrollment(
      String registry,
      String repository,
      SourceConfig source,
      String rebuildDelay,
      Boolean autoRebuild) {
    this(
        registry,
        repository,
        source,
        rebuildDelay,
        autoRebuild,
        null,
        null,
        null,
        null,
        null,
        Map.of());
  }

  /** This block with the unknown fields of {@code previous} carried over. */
  public Enrollment keepingUnknownFieldsOf(Enrollment previous) {
    return previous == null ? this : copy(verify, previous.unknownFields());
  }

  private Enrollment copy(VerifyRule rule, Map<String, Object> fields) {
    return new Enrollment(
        registry,
        repository,
        source,
        rebuildDelay,
        autoRebuild,
        owner,
        system,
        rebuildWindow,
        rule,
        fastPath,
        fields);
  }

  @Override
  @JsonAnyGetter
  public Map<String, Object> unknownFields() {
    return unknownFields;
  }
}
