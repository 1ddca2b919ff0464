package io.imagefactory.image;

import io.imagefactory.statefiles.PendingDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The rebuild policy of one image (DESIGN.md §6), as pure functions over its pending digests.
 *
 * <p>Each new base digest is a candidate that matures {@code rebuildDelay} after it was first seen;
 * the image's timer fires at the earliest maturity, or, when more candidates came within the burst
 * window after the first, at the maturity of the newest of them, and one rebuild takes every
 * matured candidate: a burst of updates gives one rebuild, and a base that updates daily never
 * starves the delay, since the oldest candidate still matures on time. What else the rebuild
 * consumes depends on the build: when its inputs pin the bases by digest, exactly the newest
 * matured digests are built and younger candidates keep waiting on their own timer; when it pulls
 * the base tags as they stand, it may build unmatured digests too, so it consumes them and says so.
 */
public final class RebuildPolicy {

  private RebuildPolicy() {}

  /**
   * Candidates seen within this long of the first pending one are one burst: the rebuild waits for
   * the newest of them to mature, so the burst gives one rebuild. At most half the delay, so a
   * short delay is not doubled.
   */
  public static final Duration BURST_WINDOW = Duration.ofMinutes(2);

  /** Adds a candidate unless the same digest of that base is already pending. */
  public static List<PendingDigest> add(List<PendingDigest> pending, PendingDigest candidate) {
    if (pending.stream().anyMatch(candidate::sameDigest)) {
      return pending;
    }
    List<PendingDigest> next = new ArrayList<>(pending);
    next.add(candidate);
    next.sort(Comparator.comparing(PendingDigest::firstSeen));
    return List.copyOf(next);
  }

  /**
   * Adds a candidate, keeping the candidates of its base bounded: of the matured ones only the
   * newest, which is what a rebuild builds; of a burst only its first and its newest, since the
   * rebuild waits for the newest and the first keeps a base that never stops updating from
   * postponing the rebuild for ever.
   */
  public static List<PendingDigest> add(
      List<PendingDigest> pending, PendingDigest candidate, Duration delay, Instant now) {
    if (pending.stream().anyMatch(candidate::sameDigest)) {
      return pending;
    }
    Predicate<PendingDigest> ofBase = p -> p.baseImage().equals(candidate.baseImage());
    Predicate<PendingDigest> matured = p -> !p.maturesAt(delay).isAfter(now);
    List<PendingDigest> next = new ArrayList<>(pending);
    List<PendingDigest> unmatured =
        pending.stream()
            .filter(ofBase.and(matured.negate()))
            .sorted(Comparator.comparing(PendingDigest::firstSeen))
            .toList();
    if (unmatured.size() >= 2) {
      PendingDigest newest = unmatured.get(unmatured.size() - 1);
      Duration since = Duration.between(newest.firstSeen(), candidate.firstSeen());
      if (!since.isNegative() && since.compareTo(burstWindow(delay)) <= 0) {
        next.remove(newest);
      }
    }
    next.add(candidate);
    next.stream()
        .filter(ofBase.and(matured))
        .max(Comparator.comparing(PendingDigest::firstSeen))
        .ifPresent(
            newest ->
                next.removeIf(
                    ofBase.and(matured).and(p -> p.firstSeen().isBefore(newest.firstSeen()))));
    next.sort(Comparator.comparing(PendingDigest::firstSeen));
    return List.copyOf(next);
  }

  /** The burst window for a delay: {@link #BURST_WINDOW}, at most half the delay. */
  public static Duration burstWindow(Duration delay) {
    Duration half = delay.dividedBy(2);
    return half.compareTo(BURST_WINDOW) < 0 ? half : BURST_WINDOW;
  }

  /**
   * When the next rebuild is due: when the newest candidate seen within the burst window of the
   * first matures, or when a fast-path candidate does if that is sooner (a fix does not wait for a
   * burst). Empty when nothing is pending.
   */
  public static Optional<Instant> rebuildDue(List<PendingDigest> pending, Duration delay) {
    Optional<Instant> first =
        pending.stream().map(PendingDigest::firstSeen).min(Comparator.naturalOrder());
    if (first.isEmpty()) {
      return Optional.empty();
    }
    Instant burstEnd = first.get().plus(burstWindow(delay));
    Optional<Instant> burst =
        pending.stream()
            .filter(p -> !p.firstSeen().isAfter(burstEnd))
            .map(p -> p.maturesAt(delay))
            .max(Comparator.naturalOrder());
    Optional<Instant> fast =
        pending.stream()
            .filter(p -> p.fastPath() != null)
            .map(p -> p.maturesAt(delay))
            .min(Comparator.naturalOrder());
    return fast.isPresent() && fast.get().isBefore(burst.get()) ? fast : burst;
  }

  /** When the first pending digest matures; empty when nothing is pending. */
  public static Optional<Instant> earliestMaturity(List<PendingDigest> pending, Duration delay) {
    return pending.stream().map(p -> p.maturesAt(delay)).min(Comparator.naturalOrder());
  }

  /** True when at least one pending digest has matured at {@code now}. */
  public static boolean hasMatured(List<PendingDigest> pending, Duration delay, Instant now) {
    return earliestMaturity(pending, delay).map(at -> !at.isAfter(now)).orElse(false);
  }

  /** Per base, the newest digest that has matured at {@code now}. */
  public static Map<String, String> newestMatured(
      List<PendingDigest> pending, Duration delay, Instant now) {
    return newestPerBase(pending, p -> !p.maturesAt(delay).isAfter(now));
  }

  /** Per base, the newest pending digest, matured or not. */
  public static Map<String, String> newestPending(List<PendingDigest> pending) {
    return newestPerBase(pending, p -> true);
  }

  /**
   * What one rebuild takes from the pending digests.
   *
   * @param everything true for {@code rebuild --now}: every pending digest, matured or not
   * @param pinned true when the build pins its bases to the digests it is given
   */
  public static RebuildSelection select(
      List<PendingDigest> pending,
      Duration delay,
      Instant now,
      boolean everything,
      boolean pinned) {
    Predicate<PendingDigest> matured = p -> !p.maturesAt(delay).isAfter(now);
    List<PendingDigest> unmatured = pending.stream().filter(matured.negate()).toList();
    if (everything) {
      return new RebuildSelection(pending, List.of(), newestPending(pending), unmatured);
    }
    Map<String, String> digests = newestPerBase(pending, matured);
    if (pinned) {
      return new RebuildSelection(
          pending.stream().filter(matured).toList(), unmatured, digests, List.of());
    }
    return new RebuildSelection(pending, List.of(), digests, unmatured);
  }

  /**
   * The digests one rebuild consumes and the ones it leaves pending.
   *
   * @param baseDigests per base, the digest the rebuild is for
   * @param unmatured consumed digests that had not matured: the build may include them
   */
  public record RebuildSelection(
      List<PendingDigest> consumed,
      List<PendingDigest> remaining,
      Map<String, String> baseDigests,
      List<PendingDigest> unmatured) {}

  /** Drops the pending digests of bases the image no longer has or now pins. */
  public static List<PendingDigest> retainBases(
      List<PendingDigest> pending, List<String> bases, List<String> pinned) {
    return pending.stream()
        .filter(p -> bases.contains(p.baseImage()) && !pinned.contains(p.baseImage()))
        .toList();
  }

  private static Map<String, String> newestPerBase(
      List<PendingDigest> pending, Predicate<PendingDigest> include) {
    Map<String, PendingDigest> newest = new TreeMap<>();
    for (PendingDigest p : pending) {
      if (include.test(p)) {
        newest.merge(p.baseImage(), p, (a, b) -> b.firstSeen().isBefore(a.firstSeen()) ? a : b);
      }
    }
    Map<String, String> digests = new TreeMap<>();
    newest.forEach((base, p) -> digests.put(base, p.digest()));
    return digests;
  }
}
