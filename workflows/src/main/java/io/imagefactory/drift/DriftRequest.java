package io.imagefactory.drift;

import java.time.Duration;

/**
 * How often the drift check runs.
 *
 * @param interval the time between two checks; zero ends the drift workflow
 */
public record DriftRequest(Duration interval) {

  public DriftRequest {
    if (interval == null || interval.isNegative()) {
      throw new IllegalArgumentException("the drift interval must be zero (off) or positive");
    }
  }

  /** True when drift checks are switched off. */
  public boolean off() {
    return interval.isZero();
  }
}
