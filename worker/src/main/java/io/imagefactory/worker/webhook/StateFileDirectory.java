package io.imagefactory.worker.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@link ImageDirectory} over the state repository. It keeps the last snapshot for a short
 * while, and reads a fresh one when a lookup finds nothing, so an image enrolled a moment ago is
 * found as soon as its state file is committed.
 */
final class StateFileDirectory implements ImageDirectory {

  static final Duration MAX_AGE = Duration.ofSeconds(10);
  static final Duration MIN_AGE_FOR_MISS = Duration.ofSeconds(1);

  private final StateSnapshots snapshots;
  private final Clock clock;
  private StateFileIndex index;
  private Instant readAt = Instant.MIN;

  StateFileDirectory(StateSnapshots snapshots, Clock clock) {
    this.snapshots = snapshots;
    this.clock = clock;
  }

  @Override
  public List<Entry> find(String repoURL, String tag) {
    List<Entry> found = index(MAX_AGE).find(repoURL, tag);
    return found.isEmpty() ? index(MIN_AGE_FOR_MISS).find(repoURL, tag) : found;
  }

  @Override
  public List<Entry> images() {
    return index(MAX_AGE).images();
  }

  /** The index, read again if it is older than {@code maxAge}. */
  private synchronized StateFileIndex index(Duration maxAge) {
    Instant now = clock.instant();
    if (index == null || !readAt.plus(maxAge).isAfter(now)) {
      index = StateFileIndex.of(snapshots.read());
      readAt = now;
    }
    return index;
  }
}
