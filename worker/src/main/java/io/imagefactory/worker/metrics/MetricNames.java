package io.imagefactory.worker.metrics;

import java.time.Duration;
import java.util.List;

/**
 * The names of the worker's own metrics, as Micrometer registers them; Prometheus adds {@code
 * _total} to counters and {@code _seconds} to timers. {@code worker/README.md} lists each with its
 * labels.
 */
final class MetricNames {

  static final String ENROLLMENTS = "image_factory_enrollments";
  static final String ENROLLMENT_DURATION = "image_factory_enrollment_duration";
  static final String ANALYSES = "image_factory_analyses";
  static final String IMAGES = "image_factory_images";
  static final String IMAGES_STALE = "image_factory_images_stale";
  static final String STATE_SNAPSHOT_AGE = "image_factory_state_snapshot_age_seconds";
  static final String REBUILD_DISPATCHES = "image_factory_rebuild_dispatches";
  static final String REBUILD_RUNS = "image_factory_rebuild_runs";
  static final String REBUILD_QUEUE_LENGTH = "image_factory_rebuild_queue_length";
  static final String REBUILD_DISPATCH_DELAY = "image_factory_rebuild_dispatch_delay";
  static final String REBUILD_BUILD_DELAY = "image_factory_rebuild_build_delay";
  static final String LIFECYCLE_TRANSITIONS = "image_factory_lifecycle_transitions";
  static final String WEBHOOK_EVENTS = "image_factory_webhook_events";
  static final String STATE_COMMITS = "image_factory_state_commits";
  static final String STATE_PUSH_RETRIES = "image_factory_state_push_retries";

  /** Buckets from a base digest first seen to its rebuild: minutes (tests, demos) to a month. */
  static final List<Duration> REBUILD_DELAY_BUCKETS =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(10),
          Duration.ofHours(1),
          Duration.ofHours(6),
          Duration.ofDays(1),
          Duration.ofDays(2),
          Duration.ofDays(3),
          Duration.ofDays(7),
          Duration.ofDays(14),
          Duration.ofDays(30));

  /** Buckets of an enrollment run: seconds for a handful of images, hours for a large fleet. */
  static final List<Duration> ENROLLMENT_BUCKETS =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(3));

  private MetricNames() {}
}
