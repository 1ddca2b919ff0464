package io.imagefactory.base;

import java.time.Instant;
import java.util.List;

/**
 * Starts (or continues as new) a base-image workflow.
 *
 * @param repoURL and {@code tag}: what Kargo watches
 * @param dependents managed images built on this base
 * @param currentDigest the newest digest seen, null until Kargo reports one
 * @param lastUpdated when {@code currentDigest} was first seen
 * @param recentDigests digests seen before, newest first, so a late redelivery has no effect
 * @param continueAsNewAfter history length after which the workflow continues as new; 0 for the
 *     default
 * @param carried what the previous run had not finished; null for a fresh start
 */
public record BaseSetup(
    String name,
    String repoURL,
    String tag,
    List<String> dependents,
    String currentDigest,
    Instant lastUpdated,
    List<String> recentDigests,
    int continueAsNewAfter,
    BaseCarryOver carried) {

  public BaseSetup {
    dependents = dependents == null ? List.of() : List.copyOf(dependents);
    recentDigests = recentDigests == null ? List.of() : List.copyOf(recentDigests);
  }

  /** A fresh start, or a configuration, with nothing carried over. */
  public BaseSetup(
      String name,
      String repoURL,
      String tag,
      List<String> dependents,
      String currentDigest,
      Instant lastUpdated,
      List<String> recentDigests,
      int continueAsNewAfter) {
    this(
        name, repoURL, tag, dependents, currentDigest, lastUpdated, recentDigests,
        continueAsNewAfter, null);
  }

  /** The same state with nothing carried over. */
  public BaseSetup withoutCarryOver() {
    return carried == null
        ? this
        : new BaseSetup(
            name, repoURL, tag, dependents, currentDigest, lastUpdated, recentDigests,
            continueAsNewAfter);
  }

  /** The same state carrying {@code next} to the next run. */
  public BaseSetup carrying(BaseCarryOver next) {
    return new BaseSetup(
        name, repoURL, tag, dependents, currentDigest, lastUpdated, recentDigests,
        continueAsNewAfter, next);
  }
}
