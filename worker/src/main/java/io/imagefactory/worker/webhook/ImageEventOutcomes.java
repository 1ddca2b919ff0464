package io.imagefactory.worker.webhook;

/**
 * Where the image-event webhook counts how it answered, so the metrics stay out of the controller.
 * Outcomes are the constants below; no image or repository is ever passed.
 */
public interface ImageEventOutcomes {

  /** Counts nothing: the webhook without metrics, as in its tests. */
  ImageEventOutcomes NONE = outcome -> {};

  /** 202: the event became signals. */
  String ACCEPTED = "accepted";

  /** 400 or 415: a malformed event. */
  String INVALID = "invalid";

  /** 404: nothing is watched at the event's repository and tag. */
  String NOT_WATCHED = "not-watched";

  /** 503: an entity workflow is not running; an enrollment was requested. */
  String NOT_RUNNING = "not-running";

  /** 503: Temporal or the state index did not answer, or the webhook failed. */
  String UNAVAILABLE = "unavailable";

  /** One event was answered with {@code outcome}. */
  void answered(String outcome);
}
