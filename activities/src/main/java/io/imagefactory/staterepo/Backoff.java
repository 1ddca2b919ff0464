package io.imagefactory.staterepo;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The pause between push attempts after the remote moved; injectable so tests never sleep. */
@FunctionalInterface
public interface Backoff {

  /** No pause at all, for tests. */
  Backoff NONE = attempt -> {};

  /** Pauses before attempt {@code attempt + 1}, after {@code attempt} failed (1-based). */
  void pause(int attempt) throws InterruptedException;

  /**
   * Exponential backoff from {@code first}, doubling up to {@code max}, with full jitter so that
   * writers who collided once do not collide again in lock step.
   */
  static Backoff exponential(Duration first, Duration max) {
    return attempt -> {
      long ceiling = Math.min(max.toMillis(), first.toMillis() << Math.min(attempt - 1, 20));
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    };
  }
}
