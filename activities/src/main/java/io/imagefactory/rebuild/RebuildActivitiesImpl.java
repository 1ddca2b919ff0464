package io.imagefactory.rebuild;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebuild activities: a thin shell that picks the image's CI provider, fills in the input
 * placeholders, resolves a state-repository target to the state repository's own repository, and
 * turns the provider's classified failures into what Temporal should do. A provider with no
 * credentials configured records its dispatches instead, as the embedded default does.
 */
public class RebuildActivitiesImpl implements RebuildActivities {

  private static final Logger log = LoggerFactory.getLogger(RebuildActivitiesImpl.class);
  static final String DEFAULT_PROVIDER = "github";

  private final Map<String, CiProvider> providers;
  private final String stateRepository;
  private final RecordingRebuildActivities recorder = new RecordingRebuildActivities();
  private final IntSupplier attempt;
  private final RebuildMetrics metrics;

  /**
   * @param providers the configured providers by name
   * @param stateRepository {@code owner/name} of the state repository on GitHub, where images whose
   *     Dockerfile lives in the state repository are dispatched; null when it is not on GitHub
   */
  public RebuildActivitiesImpl(Iterable<CiProvider> providers, String stateRepository) {
    this(providers, stateRepository, RebuildMetrics.NONE);
  }

  /** As above, counting each dispatch and run conclusion in {@code metrics}. */
  public RebuildActivitiesImpl(
      Iterable<CiProvider> providers, String stateRepository, RebuildMetrics metrics) {
    this(
        providers,
        stateRepository,
        () -> Activity.getExecutionContext().getInfo().getAttempt(),
        metrics);
  }

  /** With {@code attempt} in place of the activity context's attempt number, outside a worker. */
  public static RebuildActivitiesImpl forTests(
      Iterable<CiProvider> providers, String stateRepository, IntSupplier attempt) {
    return forTests(providers, stateRepository, attempt, RebuildMetrics.NONE);
  }

  /** With {@code attempt} in place of the activity context's, counting in {@code metrics}. */
  public static RebuildActivitiesImpl forTests(
      Iterable<CiProvider> providers,
      String stateRepository,
      IntSupplier attempt,
      RebuildMetrics metrics) {
    return new RebuildActivitiesImpl(providers, stateRepository, attempt, metrics);
  }

  private RebuildActivitiesImpl(
      Iterable<CiProvider> providers,
      String stateRepository,
      IntSupplier attempt,
      RebuildMetrics metrics) {
    Map<String, CiProvider> byName = new TreeMap<>();
    providers.forEach(p -> byName.put(p.name(), p));
    this.providers = Map.copyOf(byName);
    this.stateRepository = stateRepository;
    this.attempt = attempt;
    this.metrics = metrics;
  }

  @Override
  public RebuildDispatch dispatchRebuild(RebuildRequest request) {
    RebuildTarget target = request.target();
    String providerName = providerOf(target);
    CiProvider provider = providers.get(providerName);
    if (provider == null) {
      RebuildDispatch recorded = recorder.dispatchRebuild(rendered(request));
      metrics.dispatched(providerName, recorded.outcome());
      return recorded;
    }
    try {
      RebuildDispatch result = dispatch(request, target, providerName, provider);
      metrics.dispatched(providerName, result.outcome());
      return result;
    } catch (RuntimeException failure) {
      boolean permanent =
          failure instanceof ApplicationFailure application && application.isNonRetryable();
      metrics.dispatched(
          providerName, permanent ? RebuildMetrics.REJECTED : RebuildMetrics.RETRIED);
      throw failure;
    }
  }

  private RebuildDispatch dispatch(
      RebuildRequest request, RebuildTarget target, String providerName, CiProvider provider) {
    if (target == null) {
      throw rejected("image " + request.image() + " has no rebuild target (source) configured");
    }
    String repo = target.repo() != null ? target.repo() : stateRepository;
    if (repo == null) {
      throw rejected(
          "image "
              + request.image()
              + ": its Dockerfile lives in the state repository, which is not a GitHub"
              + " repository; set image-factory.github.state-repository to owner/name");
    }
    CiDispatch dispatch =
        new CiDispatch(
            request.image(),
            request.rebuildId(),
            repo,
            target.workflow(),
            target.ref(),
            RebuildInputs.render(target.inputs(), request),
            request.requestedAt(),
            request.resumed() || attempt.getAsInt() > 1);
    try {
      RebuildDispatch result = provider.dispatch(dispatch);
      log.info(
          "rebuild {} of {} {} on {} {}",
          request.rebuildId(),
          request.image(),
          result.outcome(),
          providerName,
          repo);
      return result;
    } catch (CiException e) {
      throw failureOf(e, attempt.getAsInt());
    }
  }

  @Override
  public RunConclusion awaitRun(RunRef run) {
    CiProvider provider = providers.get(run.provider());
    if (provider == null) {
      throw rejected("no " + run.provider() + " credentials are configured to follow " + run.url());
    }
    Optional<RunConclusion> conclusion;
    try {
      conclusion = provider.conclusion(run);
    } catch (CiException e) {
      throw failureOf(e, attempt.getAsInt());
    }
    conclusion.ifPresent(ended -> metrics.runConcluded(run.provider(), ended.conclusion()));
    return conclusion.orElseThrow(
        () ->
            ApplicationFailure.newBuilder()
                .setMessage("run " + run.url() + " has not ended yet")
                .setType(RebuildFailures.RUN_IN_PROGRESS)
                // Expected on every poll but the last: not an error worth a stack trace.
                .setCategory(ApplicationErrorCategory.BENIGN)
                .build());
  }

  /** The request as it would be sent, for the record of a dispatch that is not. */
  private static RebuildRequest rendered(RebuildRequest request) {
    RebuildTarget target = request.target();
    if (target == null) {
      return request;
    }
    Map<String, String> inputs;
    try {
      inputs = RebuildInputs.render(target.inputs(), request);
    } catch (IllegalArgumentException e) {
      // The enrollment reports a bad placeholder; the record shows what was configured.
      inputs = target.inputs();
    }
    return new RebuildRequest(
        request.image(),
        request.rebuildId(),
        new RebuildTarget(
            target.provider(), target.repo(), target.workflow(), target.ref(), inputs),
        request.trigger(),
        request.baseDigests(),
        request.baseReferences(),
        request.requestedAt(),
        request.resumed());
  }

  private static String providerOf(RebuildTarget target) {
    return target == null || target.provider() == null ? DEFAULT_PROVIDER : target.provider();
  }

  /**
   * What Temporal should do with a provider's failure. A rate limit is retried after the delay the
   * provider asked for, through the failure's next-retry delay, so no worker thread sleeps; one
   * without a hint waits longer on each attempt that meets it again.
   */
  static ApplicationFailure failureOf(CiException e, int attempt) {
    return switch (e.kind()) {
      case REJECTED -> rejected(e.getMessage());
      case RATE_LIMITED ->
          ApplicationFailure.newBuilder()
              .setMessage(e.getMessage())
              .setType(RebuildFailures.RATE_LIMITED)
              .setNextRetryDelay(e.hinted() ? e.retryAfter() : growing(e.retryAfter(), attempt))
              .build();
      case UNAVAILABLE ->
          ApplicationFailure.newBuilder()
              .setMessage(e.getMessage())
              .setType(RebuildFailures.CI_UNAVAILABLE)
              .build();
    };
  }

  static Duration growing(Duration minimum, int attempt) {
    Duration grown = minimum.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 5));
    return grown.compareTo(MAX_UNHINTED_WAIT) > 0 ? MAX_UNHINTED_WAIT : grown;
  }

  private static final Duration MAX_UNHINTED_WAIT = Duration.ofMinutes(30);

  private static ApplicationFailure rejected(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, RebuildFailures.REJECTED);
  }
}
