package io.imagefactory.enrollment.plan;

import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.github.RebuildTargetValidator;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.ManagedImageState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The discovery result of one managed image in a plan, named: its status, error and bases.
 *
 * @param buildErrors what is wrong with its rebuild target ({@link RebuildTargetValidator})
 * @param baseImages names of the bases and images it is built on, in Dockerfile order
 * @param pinnedBaseImages the subset referenced by digest
 * @param lastDiscovery when the result last changed
 * @param sourceRevision the commit the Dockerfile was last analysed at, or null when not known
 */
record Discovery(
    DiscoveryStatus status,
    String error,
    List<String> buildErrors,
    List<String> baseImages,
    List<String> pinnedBaseImages,
    Instant lastDiscovery,
    String sourceRevision) {

  /**
   * The discovery of a managed image in this plan. Not analysed, it keeps its previous result; a
   * cycle fails it whatever the analysis said. The rebuild target is checked only along with a
   * successful analysis, and its errors are kept otherwise. {@code lastDiscovery} moves only when
   * the result differs from the previous one; {@code sourceRevision} moves with every successful
   * analysis, so a drift check does not analyse the same commit twice.
   *
   * @param cycle the dependency cycle through the image, or null
   */
  static Discovery of(
      ImageEntry entry,
      AnalysisOutcome outcome,
      ManagedImageState previous,
      String cycle,
      NamedGraph.Bases bases,
      Instant now) {
    List<String> kept = previous == null ? List.of() : previous.buildErrors();
    String revision = previous == null ? null : previous.sourceRevision();
    DiscoveryStatus status;
    String error = null;
    List<String> buildErrors = kept;
    if (outcome instanceof AnalysisOutcome.Success success) {
      buildErrors =
          RebuildTargetValidator.withBaseProblems(success.buildProblems(), entry, bases.names());
      revision = success.sourceRevision() == null ? revision : success.sourceRevision();
    }
    if (cycle != null) {
      status = DiscoveryStatus.FAILED;
      error = "dependency cycle: " + cycle;
    } else if (outcome instanceof AnalysisOutcome.Success) {
      status = DiscoveryStatus.SUCCESS;
    } else if (outcome instanceof AnalysisOutcome.Failure failure) {
      status = DiscoveryStatus.FAILED;
      error = failure.reason();
    } else {
      Instant last = previous == null ? null : previous.lastDiscovery();
      return previous == null
          ? new Discovery(
              DiscoveryStatus.PENDING, null, kept, bases.names(), bases.pinned(), last, revision)
          : new Discovery(
              previous.discoveryStatus(),
              previous.discoveryError(),
              kept,
              bases.names(),
              bases.pinned(),
              last,
              revision);
    }
    Discovery discovery =
        new Discovery(status, error, buildErrors, bases.names(), bases.pinned(), now, revision);
    boolean unchanged = discovery.sameResultAs(previous) && previous.lastDiscovery() != null;
    return unchanged
        ? new Discovery(
            status,
            error,
            buildErrors,
            bases.names(),
            bases.pinned(),
            previous.lastDiscovery(),
            revision)
        : discovery;
  }

  /** True when status, errors and bases are those of {@code previous}: nothing was discovered. */
  boolean sameResultAs(ManagedImageState previous) {
    return previous != null
        && status == previous.discoveryStatus()
        && Objects.equals(error, previous.discoveryError())
        && buildErrors.equals(previous.buildErrors())
        && baseImages.equals(previous.baseImages())
        && pinnedBaseImages.equals(previous.pinnedBaseImages());
  }
}
