package io.imagefactory.worker.page;

import io.imagefactory.fleet.ImageFacts;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the images table, from an image's state file.
 *
 * @param state the status the fleet gauges count it under ({@link ImageFacts#STATUSES})
 * @param pending base digests it has not been rebuilt onto yet, oldest first
 * @param eligibleAt when its rebuild is due, or null
 * @param lastRebuild the most recent rebuild, or null
 * @param history every rebuild the state file keeps, newest first
 * @param currentDigest the digest of its current build (managed) or the newest one seen (external)
 * @param source the parsed state file the row was made from, for the image's own page
 */
record ImageRow(
    String name,
    String kind,
    String state,
    List<String> bases,
    List<PendingDigest> pending,
    Instant eligibleAt,
    RebuildEntry lastRebuild,
    List<RebuildEntry> history,
    String currentDigest,
    ImageState source) {

  static ImageRow of(ImageState image) {
    ImageFacts facts = ImageFacts.of(image);
    if (image instanceof ManagedImageState managed) {
      RebuildState rebuild =
          managed.rebuildState() == null ? RebuildState.monitoring() : managed.rebuildState();
      List<RebuildEntry> history = new ArrayList<>();
      if (rebuild.lastRebuild() != null) {
        history.add(rebuild.lastRebuild());
      }
      rebuild.history().stream()
          .filter(entry -> !entry.equals(rebuild.lastRebuild()))
          .forEach(history::add);
      return new ImageRow(
          image.name(),
          facts.kind(),
          facts.status(),
          managed.baseImages(),
          rebuild.candidates(),
          rebuild.eligibleAt(),
          rebuild.lastRebuild(),
          List.copyOf(history),
          managed.currentDigest(),
          image);
    }
    ExternalImageState external = (ExternalImageState) image;
    return new ImageRow(
        image.name(),
        facts.kind(),
        facts.status(),
        external.baseImages(),
        List.of(),
        null,
        null,
        List.of(),
        external.currentDigest(),
        image);
  }

  /** The last rebuild's outcome, or null when it was never rebuilt. */
  String outcome() {
    return lastRebuild == null ? null : lastRebuild.outcome();
  }
}
