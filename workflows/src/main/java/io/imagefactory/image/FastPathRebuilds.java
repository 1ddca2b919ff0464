package io.imagefactory.image;

import io.imagefactory.HumanText;
import io.imagefactory.statefiles.PendingDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the fast path did for a rebuild, pure: which candidates matured only thanks to their mark,
 * and the vulnerabilities they fix, for the rebuild's trigger, its record and the details line.
 */
final class FastPathRebuilds {

  /** The trigger of a rebuild that a fast-path candidate made due before its soak was over. */
  static final String TRIGGER = "fast-path";

  private FastPathRebuilds() {}

  /** True when {@code p} has matured at {@code now} and would not have without its mark. */
  static boolean early(PendingDigest p, Duration delay, Instant now) {
    return p.fastPath() != null
        && !p.maturesAt(delay).isAfter(now)
        && p.firstSeen().plus(delay).isAfter(now);
  }

  /** True when some candidate matured early at {@code now}. */
  static boolean any(List<PendingDigest> candidates, Duration delay, Instant now) {
    return candidates.stream().anyMatch(p -> early(p, delay, now));
  }

  /** The ids the early candidates fix, sorted, each once. */
  static List<String> fixes(List<PendingDigest> candidates, Duration delay, Instant now) {
    TreeSet<String> ids = new TreeSet<>();
    candidates.stream()
        .filter(p -> early(p, delay, now))
        .forEach(p -> ids.addAll(p.fastPath().fixes()));
    return List.copyOf(ids);
  }

  /**
   * {@code fast path: node-22 sha256:222222222222 fixes CVE-2025-0001}, for the marked candidates;
   * null when none is marked.
   */
  static String describe(List<PendingDigest> candidates) {
    List<PendingDigest> marked = candidates.stream().filter(p -> p.fastPath() != null).toList();
    if (marked.isEmpty()) {
      return null;
    }
    return "fast path: "
        + marked.stream()
            .map(
                p ->
                    p.baseImage()
                        + " "
                        + HumanText.shortDigest(p.digest())
                        + " "
                        + p.fastPath().describe())
            .collect(Collectors.joining(", "));
  }
}
