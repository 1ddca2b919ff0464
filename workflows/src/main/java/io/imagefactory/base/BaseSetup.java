package io.imagefactory.base;

import io.imagefactory.signature.VerifyRule;
import io.imagefactory.vulnerability.ScanSummary;
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
 * @param verify the {@code verify:} rule that covers this base's repository; null when none does
 * @param scans vulnerability scans of its digests, one per digest, the most recently scanned last
 *     (the state file's {@code scans:})
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
    BaseCarryOver carried,
    VerifyRule verify,
    List<ScanSummary> scans) {

  public BaseSetup {
    dependents = dependents == null ? List.of() : List.copyOf(dependents);
    recentDigests = recentDigests == null ? List.of() : List.copyOf(recentDigests);
    scans = scans == null ? List.of() : List.copyOf(scans);
  }

  /** The same state under the rule {@code rule} (null: none). */
  public BaseSetup withVerify(VerifyRule rule) {
    return copy(carried, rule, scans);
  }

  /** The same state with other scans. */
  public BaseSetup withScans(List<ScanSummary> newScans) {
    return copy(carried, verify, newScans);
  }

  /** The same state with nothing carried over. */
  public BaseSetup withoutCarryOver() {
    return carried == null ? this : copy(null, verify, scans);
  }

  /** The same state carrying {@code next} to the next run. */
  public BaseSetup carrying(BaseCarryOver next) {
    return copy(next, verify, scans);
  }

  private BaseSetup copy(BaseCarryOver next, VerifyRule rule, List<ScanSummary> newScans) {
    return new BaseSetup(
        name,
        repoURL,
        tag,
        dependents,
        currentDigest,
        lastUpdated,
        recentDigests,
        continueAsNewAfter,
        next,
        rule,
        newScans);
  }

  /** The same base at a new current digest, first seen {@code seenAt}, after {@code recent}. */
  public BaseSetup withDigest(String digest, Instant seenAt, List<String> recent) {
    return new BaseSetup(
        name,
        repoURL,
        tag,
        dependents,
        digest,
        seenAt,
        recent,
        continueAsNewAfter,
        carried,
        verify,
        scans);
  }

  /**
   * The same base under the configuration of {@code setup} (what Kargo watches, the dependents, the
   * {@code verify:} rule); what it has seen and the scans it keeps stay, and nothing is carried
   * over.
   */
  public BaseSetup configuredAs(BaseSetup setup) {
    return new BaseSetup(
        name,
        setup.repoURL(),
        setup.tag(),
        setup.dependents(),
        currentDigest,
        lastUpdated,
        recentDigests,
        continueAsNewAfter,
        null,
        setup.verify(),
        scans);
  }
}
