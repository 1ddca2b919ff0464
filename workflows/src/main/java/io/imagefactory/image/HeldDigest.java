package io.imagefactory.image;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The current digest of a base (or of a managed image others are built on), held because it did not
 * verify under an {@code enforce} rule, and when its signatures are looked up again. cosign signs
 * after the push, so a signature often appears minutes after the digest: the first re-check is
 * {@link #FIRST} later, each wait doubles up to {@link #LONGEST}, and after {@link #GIVE_UP_AFTER}
 * the digest stays held until a newer digest comes or the rule changes.
 *
 * @param update the update the dependents hold
 * @param since when the current round of re-checks began (the hold, or the rule's change)
 * @param waitSeconds the wait before {@code nextCheckAt}
 * @param nextCheckAt when to check again; null once the checks have given up
 */
public record HeldDigest(BaseUpdate update, Instant since, long waitSeconds, Instant nextCheckAt) {

  static final Duration FIRST = Duration.ofMinutes(5);
  static final Duration LONGEST = Duration.ofHours(1);
  static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

  /** Held now; first looked at again {@link #FIRST} later. */
  static HeldDigest held(BaseUpdate update, Instant now) {
    return new HeldDigest(update, now, FIRST.toSeconds(), now.plus(FIRST));
  }

  /** Still held after a re-check: the wait doubles, unless the round has lasted long enough. */
  HeldDigest stillHeld(BaseUpdate checked, Instant now) {
    long wait = Math.min(waitSeconds * 2, LONGEST.toSeconds());
    Instant next = now.plusSeconds(wait);
    return new HeldDigest(
        checked, since, wait, next.isAfter(since.plus(GIVE_UP_AFTER)) ? null : next);
  }

  /** Checked again at once, as when the rule changes: a new round of re-checks begins. */
  HeldDigest checkNow(Instant now) {
    return new HeldDigest(update, now, FIRST.toSeconds() / 2, now);
  }

  /** How long until the next re-check; empty once the checks have given up. */
  Optional<Duration> untilCheck(Instant now) {
    if (nextCheckAt == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, nextCheckAt);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }
}
