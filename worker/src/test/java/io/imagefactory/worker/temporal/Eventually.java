package io.imagefactory.worker.temporal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Polls a value until it holds, for at most a deadline; the last value read is returned. */
public final class Eventually {

  private static final Duration POLL = Duration.ofMillis(100);

  private Eventually() {}

  public static <T> T poll(Duration deadline, Callable<T> value, Predicate<T> done)
      throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    T last = value.call();
    while (!done.test(last) && System.nanoTime() < end) {
      LockSupport.parkNanos(POLL.toNanos());
      last = value.call();
    }
    return last;
  }
}
