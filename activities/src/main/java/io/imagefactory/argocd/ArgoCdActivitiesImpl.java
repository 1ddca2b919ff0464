package io.imagefactory.argocd;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for Argo CD in one heartbeating activity that polls every few seconds: a deployment takes
 * seconds to minutes, so a fast poll matters, and heartbeats let Temporal notice a dead worker
 * within a few polls. The overall deadline travels in the heartbeat details, so a retried attempt
 * keeps the original deadline instead of starting a new timeout.
 */
public final class ArgoCdActivitiesImpl implements ArgoCdActivities {

  private static final Logger log = LoggerFactory.getLogger(ArgoCdActivitiesImpl.class);

  private final Optional<ArgoCdStatusReader> reader;
  private final AwaitSyncRequest defaults;
  private final Duration pollInterval;
  private final Clock clock;
  private final SyncWaiter.Sleeper sleeper;
  private final RevisionHistory history;

  /**
   * @param reader the Application reader, empty when no cluster is configured
   * @param defaults the Application, namespace and timeout a request that names none waits on
   * @param pollInterval the time between two reads of the Application
   */
  public ArgoCdActivitiesImpl(
      Optional<ArgoCdStatusReader> reader, AwaitSyncRequest defaults, Duration pollInterval) {
    this(reader, defaults, pollInterval, RevisionHistory.SAME_COMMIT);
  }

  /**
   * @param history tells whether a synced revision holds the awaited commit: the state repository's
   *     history, since the single writer usually commits again before Argo CD syncs
   */
  public ArgoCdActivitiesImpl(
      Optional<ArgoCdStatusReader> reader,
      AwaitSyncRequest defaults,
      Duration pollInterval,
      RevisionHistory history) {
    this(
        reader,
        defaults,
        pollInterval,
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()),
        history);
  }

  ArgoCdActivitiesImpl(
      Optional<ArgoCdStatusReader> reader,
      Duration pollInterval,
      Clock clock,
      SyncWaiter.Sleeper sleeper) {
    this(
        reader,
        new AwaitSyncRequest(null, null, null, null),
        pollInterval,
        clock,
        sleeper,
        RevisionHistory.SAME_COMMIT);
  }

  ArgoCdActivitiesImpl(
      Optional<ArgoCdStatusReader> reader,
      AwaitSyncRequest defaults,
      Duration pollInterval,
      Clock clock,
      SyncWaiter.Sleeper sleeper,
      RevisionHistory history) {
    this.history = history;
    this.reader = reader;
    this.defaults = defaults;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public AwaitSyncResult awaitSync(AwaitSyncRequest asked) {
    AwaitSyncRequest request = asked == null ? null : asked.orDefaults(defaults);
    validate(request);
    String app = request.namespace() + "/" + request.application();
    if (reader.isEmpty()) {
      log.warn(
          "No Kubernetes cluster configured (kubernetes mode none): NOT waiting for Argo CD"
              + " Application {} to sync {}",
          app,
          request.revision());
      return new AwaitSyncResult(
          AwaitSyncResult.Status.SKIPPED_NO_CLUSTER, "no Kubernetes cluster configured", null);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    Instant deadline =
        context
            .getHeartbeatDetails(Long.class)
            .map(Instant::ofEpochMilli)
            .orElseGet(() -> clock.instant().plus(request.timeout()));
    SyncWaiter waiter = new SyncWaiter(reader.get(), pollInterval, clock, sleeper, history);
    try {
      AwaitSyncResult result =
          waiter.await(
              request.namespace(),
              request.application(),
              request.revision(),
              deadline,
              () -> context.heartbeat(deadline.toEpochMilli()));
      log.info(
          "Argo CD Application {} and revision {}: {} ({})",
          app,
          request.revision(),
          result.status(),
          result.message());
      return result;
    } catch (KubernetesClientException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Reading Argo CD Application "
              + app
              + " was denied (HTTP "
              + e.getCode()
              + "): the worker's service account needs get on applications.argoproj.io in "
              + request.namespace(),
          ArgoCdFailures.ACCESS_DENIED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }

  private static void validate(AwaitSyncRequest request) {
    if (request == null
        || blank(request.application())
        || blank(request.namespace())
        || blank(request.revision())
        || request.timeout() == null
        || request.timeout().isNegative()
        || request.timeout().isZero()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "awaitSync needs an application, a namespace, a revision and a positive timeout, got "
              + request,
          ArgoCdFailures.INVALID_REQUEST);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
