package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code discoveryStatus} of an image state file (seed 004). */
public enum DiscoveryStatus {
  PENDING("pending"),
  SUCCESS("success"),
  FAILED("failed"),
  EXTERNAL("external");

  private final String value;

  DiscoveryStatus(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
