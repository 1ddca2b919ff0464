package io.imagefactory.worker.webhook;

import java.util.SortedMap;

/** Reads the state files at the tip of the state repository. */
@FunctionalInterface
public interface StateSnapshots {

  /** The files under {@code images/} and {@code base-images/}, by repository path. */
  SortedMap<String, byte[]> read();
}
