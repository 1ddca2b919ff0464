package io.imagefactory.worker.webhook;

import io.imagefactory.WorkflowIds;
import io.imagefactory.statefiles.StateSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the worker knows is watched, from the state repository: which entity workflows an image
 * event concerns, and which images are enrolled. Answers from memory, never by asking the state
 * repository, so a lookup neither waits on the writer nor fails while the repository is away.
 */
public interface ImageDirectory {

  /**
   * The base images that watch {@code repoURL} at {@code tag}, and the managed and external images
   * published at {@code repoURL} (any tag), sorted by kind and name.
   */
  List<Entry> find(String repoURL, String tag);

  /** Every enrolled image, managed and external, sorted by name. */
  List<Entry> images();

  /** How current the answers are. */
  Freshness freshness();

  /**
   * The state files the answers come from, parsed: every image and base image, the last good
   * version of a file that cannot be read now, and the files that cannot be read.
   */
  StateSnapshot states();

  /**
   * The snapshot lookups are answered from.
   *
   * @param commit the state repository commit it was read at
   * @param checkedAt when that commit was last confirmed to be the tip (or read)
   * @param age how long ago that was
   * @param lastError why the last refresh failed, or null when it succeeded
   */
  record Freshness(String commit, Instant checkedAt, Duration age, String lastError) {

    /** The age in whole seconds, as an HTTP {@code Age} header counts it. */
    public long ageSeconds() {
      return Math.max(0, age.toSeconds());
    }
  }

  /** What a state file says is watched. */
  enum Kind {
    BASE,
    MANAGED,
    EXTERNAL
  }

  /**
   * One base image or enrolled image.
   *
   * @param tag the watched tag of a base image; null for images
   */
  record Entry(String name, Kind kind, String repoURL, String tag) {

    /** The entity workflow that holds it: {@code base/<name>} or {@code image/<name>}. */
    public String workflowId() {
      return kind == Kind.BASE ? WorkflowIds.base(name) : WorkflowIds.image(name);
    }
  }
}
