package io.imagefactory.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, so expiry and rate-limit waits need no sleeping. */
final class MutableClock extends Clock {

  static final Instant START = Instant.parse("2025-06-02T09:30:00Z");

  private volatile Instant now = START;

  void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests read UTC instants only");
  }
}
