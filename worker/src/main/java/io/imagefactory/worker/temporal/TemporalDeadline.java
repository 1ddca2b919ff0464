package io.imagefactory.worker.temporal;

import io.grpc.Context;
import io.imagefactory.worker.config.ImageFactoryProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;

/**
 * Runs a series of Temporal client calls under one deadline, so a caller that must answer quickly
 * (the webhook, whose Kargo step gives up after 30 s) hears "unavailable" in seconds instead of
 * after the SDK's minute of retries. The calls run in a gRPC context with that deadline: every RPC
 * in it gets no more than the time left, and the SDK's retry loop stops once it has passed. A retry
 * backoff asleep at the deadline is interrupted, so the answer is not late by a backoff either.
 */
public final class TemporalDeadline {

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "temporal-deadline");
            thread.setDaemon(true);
            return thread;
          });

  private final Duration timeout;
  private final String target;

  /**
   * @param timeout how long the calls may take together
   * @param target the Temporal frontend, for the message of {@link TemporalUnavailableException}
   */
  public TemporalDeadline(Duration timeout, String target) {
    this.timeout = timeout;
    this.target = target;
  }

  /** The webhook's: {@code image-factory.temporal.webhook-deadline}, for the configured target. */
  public static TemporalDeadline forWebhook(
      ImageFactoryProperties properties, Environment environment) {
    return new TemporalDeadline(
        properties.temporal().webhookDeadline(), TemporalConfiguration.target(environment));
  }

  /**
   * The result of {@code calls}.
   *
   * @throws TemporalUnavailableException when the deadline passed before they were done
   */
  public <T> T call(Supplier<T> calls) {
    Thread caller = Thread.currentThread();
    Interruption interruption = new Interruption(caller);
    Context.CancellableContext context =
        Context.current().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS, TIMER);
    context.addListener(c -> interruption.fire(), Runnable::run);
    try {
      return context.wrap(calls::get).call();
    } catch (RuntimeException e) {
      if (context.getDeadline().isExpired()) {
        throw new TemporalUnavailableException(target, timeout, e);
      }
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      interruption.disarm();
      context.cancel(null);
    }
  }

  /** Interrupts the caller at the deadline while it is still inside the calls, and only then. */
  private static final class Interruption {
    private final Thread caller;
    private boolean armed = true;
    private boolean fired;

    Interruption(Thread caller) {
      this.caller = caller;
    }

    synchronized void fire() {
      if (armed) {
        fired = true;
        caller.interrupt();
      }
    }

    /** After this, no interrupt comes; one that came is cleared, so the thread goes on unharmed. */
    void disarm() {
      boolean clear;
      synchronized (this) {
        armed = false;
        clear = fired;
      }
      if (clear) {
        Thread.interrupted();
      }
    }
  }
}
