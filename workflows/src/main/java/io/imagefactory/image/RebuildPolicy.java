package io.imagefactory.image;

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
 * <p>Each new base digest is a candidate that matures {@code rebuildDelay} after it was first
 * seen; the image's timer fires at the earliest maturity, and one rebuild takes every matured
 * candidate: a burst of updates gives one rebuild, and a base that updates daily never starves the
 * delay, since the oldest candidate still matures on time. What else the rebuild consumes depends
 * on the build: when its inputs pin the bases by digest, exactly the newest matured digests are
 * built and younger candidates keep waiting on their own timer; when it pulls the base tags as
 * they stand, it may build unmatured digests too, so it consumes them and says so.
 */
public final class RebuildPolicy {

  private RebuildPolicy() {}

  /** Adds a candidate unless the same digest of that base is already pending. */
  public static List<PendingDigest> add(List<PendingDigest> pending, PendingDigest candidate) {
    boolean known =
        pending.stream()
            .anyMatch(
                p ->
                    p.baseImage().equals(candidate.baseImage())
                        && p.digest().equals(candidate.digest()));
    if (known) {
      return pending;
    }
    List<PendingDigest> next = new ArrayList<>(pending);
    next.add(candidate);
    next.sort(Comparator.comparing(PendingDigest::firstSeen));
    return List.copyOf(next);
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
      List<PendingDigest> pending, Duration delay, Instant now, boolean everything, boolean pinned) {
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
        newest.merge(
            p.baseImage(), p, (a, b) -> b.firstSeen().isBefore(a.firstSeen()) ? a : b);
      }
    }
    Map<String, String> digests = new TreeMap<>();
    newest.forEach((base, p) -> digests.put(base, p.digest()));
    return digests;
  }
}
