package io.imagefactory.worker.webhook;

import java.util.SortedMap;
import java.util.function.Consumer;

/** The state repository as the webhook's index reads it, always off the request threads. */
public interface StateSnapshots {

  /** Fetches the branch and returns the commit at its tip. */
  String tip();

  /** The files under {@code images/} and {@code base-images/} at {@code commit}, by path. */
  SortedMap<String, byte[]> read(String commit);

  /**
   * Calls {@code listener} with the new tip after each commit this worker pushes; it must not
   * block. Snapshots that cannot tell (a fixture) never call it.
   */
  default void onCommit(Consumer<String> listener) {}
}
