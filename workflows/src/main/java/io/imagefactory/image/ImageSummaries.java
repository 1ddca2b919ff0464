package io.imagefactory.image;

import io.imagefactory.HumanText;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/**
 * What an image workflow, its timers and its activities say they are for in the Temporal UI. Names,
 * digests, repositories and times only: a target's input values are left out, since an operator may
 * have put a token into one.
 */
public final class ImageSummaries {

  private ImageSummaries() {}

  /** The image workflow's static summary, set when it is started. */
  public static String workflow(ImageConfig config) {
    if (config.kind() == ImageKind.EXTERNAL) {
      return "external image " + config.name() + ": tracked, not built";
    }
    return "managed image "
        + config.name()
        + ": rebuilt "
        + HumanText.duration(config.rebuildDelay())
        + " after a base update"
        + (config.autoRebuild() ? "" : ", on approval");
  }

  /** The image workflow's static details: what it is built on and where its rebuilds go. */
  public static String details(ImageConfig config) {
    StringBuilder details = new StringBuilder();
    details.append("bases: ").append(listed(config.baseImages().toString())).append('\n');
    if (!config.pinnedBaseImages().isEmpty()) {
      details
          .append("pinned (reported, never rebuilt): ")
          .append(listed(config.pinnedBaseImages().toString()))
          .append('\n');
    }
    if (!config.dependentImages().isEmpty()) {
      details
          .append("dependents: ")
          .append(listed(config.dependentImages().toString()))
          .append('\n');
    }
    if (config.target() != null) {
      details.append("rebuilds: ").append(target(config.target())).append('\n');
    }
    return details.toString();
  }

  /** The signature check of the image's new build, before it cascades to its dependents. */
  static String signatureCheck(ImageConfig config, String digest) {
    return "check the signature of "
        + config.name()
        + "@"
        + HumanText.shortDigest(digest)
        + (config.verify() == null ? "" : " (" + config.verify().mode() + ")")
        + " before it cascades";
  }

  /** The timer that waits for the earliest candidate to mature or a failed rebuild's retry. */
  static String rebuildTimer(ImageConfig config, ImageRuntime runtime, Instant due) {
    if (runtime.failedAttempts() > 0) {
      return "retry the failed rebuild of " + config.name() + " at " + minutes(due);
    }
    return runtime.pending().stream()
        .min(Comparator.comparing((PendingDigest p) -> p.maturesAt(config.rebuildDelay())))
        .map(
            first ->
                "soak "
                    + first.baseImage()
                    + " "
                    + HumanText.shortDigest(first.digest())
                    + "… for "
                    + config.name()
                    + " until "
                    + minutes(due))
        .orElse("rebuild " + config.name() + " at " + minutes(due));
  }

  /** The timer that waits until a record of the image is due at the state repository's writer. */
  static String recordTimer(ImageConfig config, Instant due) {
    return "send " + config.name() + "'s record to the state-repo writer at " + minutes(due);
  }

  /** {@code dispatch build.yml for web#3}. */
  static String dispatch(ImageConfig config, RebuildEntry entry) {
    RebuildTarget target = config.target();
    String what =
        target == null || target.workflow() == null
            ? "start a pipeline"
            : "dispatch " + fileName(target.workflow());
    return what + " for " + entry.rebuildId();
  }

  /** {@code follow run 123 of web#3}. */
  static String follow(RunRef run, RebuildEntry entry) {
    String id = run.runId() == null ? "" : " " + run.runId();
    return "follow run" + id + " of " + (entry == null ? "the rebuild" : entry.rebuildId());
  }

  private static String target(RebuildTarget target) {
    String provider = target.provider() == null ? "github" : target.provider();
    String repo = target.repo() == null ? "the state repository" : target.repo();
    String workflow = target.workflow() == null ? "pipeline" : target.workflow();
    return provider + " " + repo + " " + workflow + " on " + target.ref();
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String listed(String list) {
    return list.substring(1, list.length() - 1);
  }

  private static String minutes(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES).toString();
  }
}
