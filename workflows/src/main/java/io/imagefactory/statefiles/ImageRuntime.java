package io.imagefactory.statefiles;

import java.time.Instant;
import java.util.List;

/**
 * What an image workflow knows beyond its configuration. It is written to the image's state file as
 * it changes, so a lost Temporal namespace is rebuilt from git by the next enrollment.
 *
 * @param lastBuiltBy the rebuild whose run produced the current build, or {@link #BUILT_OUTSIDE}
 *     when no dispatched rebuild explains it (a push by hand)
 * @param pending rebuild candidates, oldest first
 * @param pinnedUpdates newer digests of pinned bases, reported and not rebuilt
 * @param awaitingApproval a matured rebuild waits for {@code approve} ({@code autoRebuild: false})
 * @param eligibleAt when the rebuild is due: the earliest candidate's maturity, or that of the
 *     newest candidate of its burst (the image workflow's {@code RebuildPolicy.rebuildDue})
 * @param rebuildCount how many rebuilds were asked for, for rebuild ids
 * @param failedAttempts rebuilds in a row that failed; reset by one that succeeds
 * @param retryAt after a failed rebuild, the earliest time the candidates are tried again; null
 *     when no automatic attempt is due
 * @param queuedSince when the matured rebuild started to wait in the rebuild budget's queue; null
 *     when it does not wait there
 * @param held base digests whose signature did not verify under an {@code enforce} rule: never
 *     built, the newest per base, each with the reason
 */
public record ImageRuntime(
    String currentDigest,
    String currentTag,
    Instant lastBuilt,
    String lastBuiltBy,
    List<PendingDigest> pending,
    List<PendingDigest> pinnedUpdates,
    boolean awaitingApproval,
    Instant eligibleAt,
    RebuildEntry lastRebuild,
    int rebuildCount,
    int failedAttempts,
    Instant retryAt,
    Instant queuedSince,
    List<PendingDigest> held) {

  /** {@link #lastBuiltBy()} of a build that no dispatched rebuild explains. */
  public static final String BUILT_OUTSIDE = "outside-image-factory";

  public ImageRuntime {
    pending = pending == null ? List.of() : List.copyOf(pending);
    pinnedUpdates = pinnedUpdates == null ? List.of() : List.copyOf(pinnedUpdates);
    held = held == null ? List.of() : List.copyOf(held);
  }

  /** A runtime that holds no digest for its signature. */
  public ImageRuntime(
      String currentDigest,
      String currentTag,
      Instant lastBuilt,
      String lastBuiltBy,
      List<PendingDigest> pending,
      List<PendingDigest> pinnedUpdates,
      boolean awaitingApproval,
      Instant eligibleAt,
      RebuildEntry lastRebuild,
      int rebuildCount,
      int failedAttempts,
      Instant retryAt,
      Instant queuedSince) {
    this(
        currentDigest,
        currentTag,
        lastBuilt,
        lastBuiltBy,
        pending,
        pinnedUpdates,
        awaitingApproval,
        eligibleAt,
        lastRebuild,
        rebuildCount,
        failedAttempts,
        retryAt,
        queuedSince,
        List.of());
  }

  /** A runtime that does not wait in the rebuild budget's queue. */
  public ImageRuntime(
      String currentDigest,
      String currentTag,
      Instant lastBuilt,
      String lastBuiltBy,
      List<PendingDigest> pending,
      List<PendingDigest> pinnedUpdates,
      boolean awaitingApproval,
      Instant eligibleAt,
      RebuildEntry lastRebuild,
      int rebuildCount,
      int failedAttempts,
      Instant retryAt) {
    this(
        currentDigest,
        currentTag,
        lastBuilt,
        lastBuiltBy,
        pending,
        pinnedUpdates,
        awaitingApproval,
        eligibleAt,
        lastRebuild,
        rebuildCount,
        failedAttempts,
        retryAt,
        null);
  }

  public static ImageRuntime empty() {
    return new ImageRuntime(
        null, null, null, null, List.of(), List.of(), false, null, null, 0, 0, null);
  }

  /** The same runtime with a new current build. */
  public ImageRuntime withBuild(String digest, String tag, Instant at, String by) {
    Copy copy = new Copy(this);
    copy.currentDigest = digest;
    copy.currentTag = tag;
    copy.lastBuilt = at;
    copy.lastBuiltBy = by;
    return copy.build();
  }

  /** The same runtime with other candidates, approval wait and due time. */
  public ImageRuntime withPending(
      List<PendingDigest> newPending, boolean awaiting, Instant newEligibleAt) {
    Copy copy = new Copy(this);
    copy.pending = newPending;
    copy.awaitingApproval = awaiting;
    copy.eligibleAt = newEligibleAt;
    return copy.build();
  }

  /** The same runtime with other updates of pinned bases. */
  public ImageRuntime withPinnedUpdates(List<PendingDigest> updates) {
    Copy copy = new Copy(this);
    copy.pinnedUpdates = updates;
    return copy.build();
  }

  /** The same runtime with another last rebuild. */
  public ImageRuntime withLastRebuild(RebuildEntry entry) {
    Copy copy = new Copy(this);
    copy.lastRebuild = entry;
    return copy.build();
  }

  /** The same runtime with another rebuild count. */
  public ImageRuntime withRebuildCount(int count) {
    Copy copy = new Copy(this);
    copy.rebuildCount = count;
    return copy.build();
  }

  /** The same runtime with other failed attempts and retry time. */
  public ImageRuntime withFailures(int attempts, Instant nextRetry) {
    Copy copy = new Copy(this);
    copy.failedAttempts = attempts;
    copy.retryAt = nextRetry;
    return copy.build();
  }

  /** The same runtime queued in the rebuild budget since {@code since} (null: not queued). */
  public ImageRuntime withQueuedSince(Instant since) {
    Copy copy = new Copy(this);
    copy.queuedSince = since;
    return copy.build();
  }

  /** The same runtime holding other digests for their signature. */
  public ImageRuntime withHeld(List<PendingDigest> digests) {
    Copy copy = new Copy(this);
    copy.held = digests;
    return copy.build();
  }

  /** The one place that lists every field again: each copy-with method changes only its own. */
  private static final class Copy {
    private String currentDigest;
    private String currentTag;
    private Instant lastBuilt;
    private String lastBuiltBy;
    private List<PendingDigest> pending;
    private List<PendingDigest> pinnedUpdates;
    private boolean awaitingApproval;
    private Instant eligibleAt;
    private RebuildEntry lastRebuild;
    private int rebuildCount;
    private int failedAttempts;
    private Instant retryAt;
    private Instant queuedSince;
    private List<PendingDigest> held;

    private Copy(ImageRuntime from) {
      currentDigest = from.currentDigest;
      currentTag = from.currentTag;
      lastBuilt = from.lastBuilt;
      lastBuiltBy = from.lastBuiltBy;
      pending = from.pending;
      pinnedUpdates = from.pinnedUpdates;
      awaitingApproval = from.awaitingApproval;
      eligibleAt = from.eligibleAt;
      lastRebuild = from.lastRebuild;
      rebuildCount = from.rebuildCount;
      failedAttempts = from.failedAttempts;
      retryAt = from.retryAt;
      queuedSince = from.queuedSince;
      held = from.held;
    }

    private ImageRuntime build() {
      return new ImageRuntime(
          currentDigest,
          currentTag,
          lastBuilt,
          lastBuiltBy,
          pending,
          pinnedUpdates,
          awaitingApproval,
          eligibleAt,
          lastRebuild,
          rebuildCount,
          failedAttempts,
          retryAt,
          queuedSince,
          held);
    }
  }

  /** True while a rebuild is being dispatched or its run followed. */
  public boolean rebuildInFlight() {
    return lastRebuild != null && lastRebuild.inFlight();
  }
}
