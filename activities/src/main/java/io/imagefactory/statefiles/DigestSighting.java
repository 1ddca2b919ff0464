package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** A digest of a base image and when Image Factory first saw it. */
@JsonPropertyOrder({"digest", "seenAt"})
public record DigestSighting(String digest, Instant seenAt) {}
