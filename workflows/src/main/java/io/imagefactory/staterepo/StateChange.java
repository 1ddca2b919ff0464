package io.imagefactory.staterepo;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A semantic change to the state repository, asked for by a workflow and committed by the single
 * writer. Changes are idempotent: applying one twice, or on a newer tip after a rejected push,
 * gives the same files.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EnrollmentChange.class, name = "enrollment"),
  @JsonSubTypes.Type(value = ImageRuntimeChange.class, name = "image-runtime"),
  @JsonSubTypes.Type(value = BaseDigestChange.class, name = "base-digest"),
  @JsonSubTypes.Type(value = BasesWatchedChange.class, name = "bases-watched"),
  @JsonSubTypes.Type(value = ScanChange.class, name = "scan")
})
public sealed interface StateChange
    permits EnrollmentChange,
        ImageRuntimeChange,
        BaseDigestChange,
        BasesWatchedChange,
        ScanChange {}
