package io.imagefactory.worker.temporal;

import io.grpc.Status;
import java.time.Duration;

/** Temporal did not answer within a caller's deadline; the message names the frontend and why. */
public final class TemporalUnavailableException extends RuntimeException {

  TemporalUnavailableException(String target, Duration timeout, Throwable cause) {
    super(
        "Temporal at " + target + " did not answer within " + seconds(timeout) + why(cause), cause);
  }

  private static String seconds(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  /** The last gRPC status on the way, if any: {@code UNAVAILABLE} says more than a timeout. */
  private static String why(Throwable cause) {
    Status.Code code = Status.fromThrowable(cause).getCode();
    return code == Status.Code.UNKNOWN ? "" : " (" + code + ")";
  }
}
