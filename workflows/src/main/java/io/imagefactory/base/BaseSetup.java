package io.imagefactory.base;

import java.time.Instant;
import java.util.List;

/**
 * Starts (or continues as new) a base-image workflow.
 *
 * @param repoURL and {@code tag}: what Kargo watches
 * @param dependents managed images built on this base
 * @param currentDigest the newest digest seen, null until Kargo reports one
 * @param recentDigests digests seen before, newest first, so a late redelivery has no effect
 * @param continueAsNewAfter history length after which the workflow continues as new; 0 for the
 *     default
 */
public record BaseSetup(
    String name,
    String repoURL,
    String tag,
    List<String> dependents,
    String currentDigest,
    Instant lastUpdated,
    List<String> recentDigests,
    int continueAsNewAfter) {

  public BaseSetup {
    dependents = dependents == null ? List.of() : List.copyOf(dependents);
    recentDigests = recentDigests == null ? List.of() : List.copyOf(recentDigests);
  }
}
