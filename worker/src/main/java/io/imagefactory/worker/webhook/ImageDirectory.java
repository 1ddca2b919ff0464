package io.imagefactory.worker.webhook;

import io.imagefactory.WorkflowIds;
import java.util.List;

/**
 * What the worker knows is watched, from the state repository: which entity workflows an image
 * event concerns, and which images are enrolled.
 */
public interface ImageDirectory {

  /**
   * The base images that watch {@code repoURL} at {@code tag}, and the managed and external images
   * published at {@code repoURL} (any tag), sorted by kind and name.
   */
  List<Entry> find(String repoURL, String tag);

  /** Every enrolled image, managed and external, sorted by name. */
  List<Entry> images();

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
