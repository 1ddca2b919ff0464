package io.imagefactory.worker.webhook;

import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.worker.config.ImageFactoryProperties;
import io.imagefactory.worker.temporal.TemporalDeadline;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageEventSignals.Delivery;
import io.imagefactory.worker.webhook.ImageEventSignals.Signal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events/image}: Kargo promoted Freight, so a watched image has a digest. The
 * event goes, as a signal, to every base, managed and external image watched at its repoURL.
 *
 * <p>Answers: 202 with the signals sent (the same for a redelivery, whose signals have no further
 * effect); 400 naming the bad field; 404 when nothing is watched there, which fails the Kargo
 * promotion so the mismatch between Kargo and the state repository shows; 503 when a workflow the
 * state repository names is not running (after the embedded server restarted, say): an enrollment
 * is requested to start it, and Kargo polls again; 503 as well when Temporal does not answer within
 * {@code image-factory.temporal.webhook-deadline}, well before Kargo's step gives up.
 */
@RestController
class ImageEventController {

  private static final Logger log = LoggerFactory.getLogger(ImageEventController.class);
  static final String RETRY_AFTER_SECONDS = "30";

  private final ImageDirectory directory;
  private final ImageEventSignals signals;
  private final EnrollmentRequester enrollments;
  private final Clock clock;
  private final TemporalDeadline temporal;
  private final ImageEventOutcomes outcomes;

  ImageEventController(
      ImageDirectory directory,
      ImageEventSignals signals,
      EnrollmentRequester enrollments,
      Clock clock,
      ImageFactoryProperties properties,
      Environment environment,
      ObjectProvider<ImageEventOutcomes> outcomes) {
    this.directory = directory;
    this.signals = signals;
    this.enrollments = enrollments;
    this.clock = clock;
    this.temporal = TemporalDeadline.forWebhook(properties, environment);
    this.outcomes = outcomes.getIfAvailable(() -> ImageEventOutcomes.NONE);
  }

  @PostMapping(path = "/api/v1/events/image")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted imageEvent(
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestBody(required = false) byte[] body) {
    try {
      Accepted accepted = deliver(contentType, body);
      outcomes.answered(ImageEventOutcomes.ACCEPTED);
      return accepted;
    } catch (ErrorResponseException e) {
      outcomes.answered(outcomeOf(e.getStatusCode().value()));
      throw e;
    } catch (RuntimeException e) {
      outcomes.answered(ImageEventOutcomes.UNAVAILABLE);
      throw e;
    }
  }

  private static String outcomeOf(int status) {
    return switch (status) {
      case 404 -> ImageEventOutcomes.NOT_WATCHED;
      case 503 -> ImageEventOutcomes.NOT_RUNNING;
      default -> status < 500 ? ImageEventOutcomes.INVALID : ImageEventOutcomes.UNAVAILABLE;
    };
  }

  private Accepted deliver(String contentType, byte[] body) {
    ImageEvent event = StrictJson.read(contentType, body, ImageEvent.class);
    event.validate();
    List<Entry> watched = directory.find(event.repoURL(), event.tag());
    FreshnessJson index = FreshnessJson.of(directory.freshness());
    if (watched.isEmpty()) {
      log.info("Image event {} ignored: nothing is watched there", event);
      throw ApiProblem.notFound(
          "no base, managed or external image is watched at "
              + event.repoURL()
              + ":"
              + event.tag()
              + " in state commit "
              + index.commit()
              + " (checked "
              + index.ageSeconds()
              + " s ago)",
          Map.of("stateIndex", index));
    }
    Delivery delivery = temporal.call(() -> signals.deliver(event, watched, clock.instant()));
    log.info(
        "Image event {} (warehouse {}, freight {}): signalled {}",
        event,
        event.warehouse(),
        event.freight(),
        delivery.sent());
    NotRunningOwners.requireRunning(
        delivery, "image event for " + event.repoURL(), temporal, enrollments);
    return new Accepted("accepted", delivery.sent(), index);
  }

  /**
   * The answer to an accepted event: the signals it became, and the snapshot of the state
   * repository that decided who to signal.
   */
  record Accepted(String status, List<Signal> signals, FreshnessJson stateIndex) {}
}
