package io.imagefactory.image;

import io.imagefactory.HumanText;
import io.imagefactory.image.RebuildPolicy.RebuildSelection;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The lines that say what a rebuild builds and where it stands, for the state file and people. */
final class RebuildDetails {

  private RebuildDetails() {}

  /**
   * What a rebuild builds: exactly the pinned digests, or the base tags as they stand, naming the
   * unmatured digests they may already point to.
   */
  static String selection(ImageConfig config, RebuildSelection selection) {
    return selection(config, selection, List.of());
  }

  /**
   * Like {@link #selection(ImageConfig, RebuildSelection)}, naming the digests whose signature did
   * not verify: those built under a {@code warn} rule and, when the tags are built as they stand,
   * those held under an {@code enforce} rule that a person's rebuild may include.
   */
  static String selection(
      ImageConfig config, RebuildSelection selection, List<PendingDigest> held) {
    String text = built(config, selection);
    List<PendingDigest> unverified =
        selection.consumed().stream().filter(p -> p.unverified() != null).toList();
    if (!unverified.isEmpty()) {
      text += "; unverified signature: " + reasons(unverified);
    }
    if (!config.pinsBases() && !held.isEmpty()) {
      text += "; may include held " + reasons(held);
    }
    return text;
  }

  private static String built(ImageConfig config, RebuildSelection selection) {
    String digests = digests(selection.baseDigests());
    if (config.pinsBases()) {
      return "builds " + digests + " (bases pinned by the build's inputs)";
    }
    String text = "builds the base tags as they stand (the build's inputs do not pin them)";
    if (!digests.isEmpty()) {
      text += "; newest matured: " + digests;
    }
    if (!selection.unmatured().isEmpty()) {
      text += "; may include unmatured " + candidates(selection.unmatured());
    }
    return text;
  }

  /** Where the last rebuild stands, for the details line. */
  static String progress(RebuildEntry last) {
    String run = last.runUrl() == null ? "" : " " + last.runUrl();
    String fastPath =
        last.fastPath().isEmpty()
            ? ""
            : " (fast path: fixes " + String.join(", ", last.fastPath()) + ")";
    return switch (last.outcome()) {
          case RebuildEntry.DISPATCHING -> "rebuild " + last.rebuildId() + " being dispatched";
          case RebuildEntry.DISPATCHED -> "rebuild " + last.rebuildId() + " running" + run;
          default -> "last rebuild " + last.rebuildId() + " " + last.outcome() + run;
        }
        + fastPath;
  }

  static String candidates(List<PendingDigest> pending) {
    return pending.stream()
        .map(p -> p.baseImage() + " " + HumanText.shortDigest(p.digest()))
        .collect(Collectors.joining(", "));
  }

  /** Each digest with why its signature did not verify. */
  static String reasons(List<PendingDigest> digests) {
    return digests.stream()
        .map(
            p ->
                p.baseImage()
                    + " "
                    + HumanText.shortDigest(p.digest())
                    + " ("
                    + p.unverified()
                    + ")")
        .collect(Collectors.joining(", "));
  }

  private static String digests(Map<String, String> baseDigests) {
    return baseDigests.entrySet().stream()
        .map(e -> e.getKey() + " " + HumanText.shortDigest(e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
