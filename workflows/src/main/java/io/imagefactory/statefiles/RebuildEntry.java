package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imagefactory.rebuild.RunRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rebuild of a managed image: why and when it was asked for, on which base digests, the CI run
 * that carries it and how it went. The workflow keeps it and the state file's {@code
 * rebuildState.lastRebuild} and {@code history} hold the same record.
 *
 * @param rebuildId {@code <image>#<n>}, written as {@code id}
 * @param trigger {@code timer}, {@code cascade}, {@code approval}, {@code now} or {@code retry}
 * @param baseDigests per base, the digest this rebuild is for: the newest matured one (for {@code
 *     now}: the newest pending one)
 * @param covered the candidates this rebuild consumed; they return to the candidates if the run
 *     fails
 * @param pinned true when the build workflow's inputs pin every base to {@code baseDigests}, so
 *     exactly those digests are built; false when the build pulls the base tags as they stand
 * @param unmatured when not pinned: candidates that had not matured yet and that the tags may
 *     already point to
 * @param builds what the rebuild builds, in words: the pinned digests, or the tags as they stood
 * @param outcome one of the constants below
 * @param detail a short human-readable line: what was sent, or why it failed
 * @param run the CI run, once known
 * @param completedAt when the outcome became final
 * @param builtDigest the build of the image that closed this rebuild
 * @param fastPath the vulnerabilities whose fixes matured a consumed candidate before its {@code
 *     rebuildDelay} (the fast path), sorted; empty when every candidate soaked
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "id",
  "requestedAt",
  "trigger",
  "baseDigests",
  "covered",
  "pinned",
  "unmatured",
  "builds",
  "fastPath",
  "outcome",
  "detail",
  "runUrl",
  "run",
  "completedAt",
  "builtDigest"
})
public record RebuildEntry(
    @JsonProperty("id") String rebuildId,
    Instant requestedAt,
    String trigger,
    Map<String, String> baseDigests,
    List<PendingDigest> covered,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean pinned,
    List<PendingDigest> unmatured,
    String builds,
    String outcome,
    String detail,
    String runUrl,
    RunRef run,
    Instant completedAt,
    String builtDigest,
    List<String> fastPath) {

  /** Asked for; the dispatch has not answered yet. */
  public static final String DISPATCHING = "dispatching";

  /** No credentials: logged and recorded, not sent. */
  public static final String RECORDED = "recorded";

  /** Sent; the run is {@link #run()}. */
  public static final String DISPATCHED = "dispatched";

  /** Sent, but no run could be matched to it without guessing. */
  public static final String UNIDENTIFIED = "run-not-identified";

  /** The CI refused the dispatch (credentials, missing workflow, inputs). */
  public static final String REJECTED = "rejected";

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
  public static final String TIMED_OUT = "timed-out";
  public static final String NEVER_STARTED = "never-started";

  /** The run outlived the time the workflow follows a run for. */
  public static final String UNFOLLOWED = "not-followed";

  /** A new build of the image was seen: the rebuild is closed. */
  public static final String BUILT = "built";

  private static final Set<String> KEEPS_CANDIDATES =
      Set.of(REJECTED, FAILED, CANCELLED, TIMED_OUT, NEVER_STARTED, UNFOLLOWED);

  public RebuildEntry {
    baseDigests = baseDigests == null ? Map.of() : Map.copyOf(baseDigests);
    covered = covered == null ? List.of() : List.copyOf(covered);
    unmatured = unmatured == null ? List.of() : List.copyOf(unmatured);
    fastPath = fastPath == null ? List.of() : List.copyOf(fastPath);
  }

  /** True while the dispatch is being made or its run is being followed. */
  @JsonIgnore
  public boolean inFlight() {
    return DISPATCHING.equals(outcome) || (DISPATCHED.equals(outcome) && run != null);
  }

  /** True when the rebuild did not happen, so its candidates are the next attempt's. */
  @JsonIgnore
  public boolean failed() {
    return KEEPS_CANDIDATES.contains(outcome);
  }

  /** True until a build of the image closes it or it failed. */
  @JsonIgnore
  public boolean open() {
    return completedAt == null || SUCCEEDED.equals(outcome);
  }

  /**
   * A rebuild just asked for, its dispatch not answered yet; what it is for comes with {@link
   * #withSelection} and {@link #withBuilds}.
   */
  public static RebuildEntry requested(String rebuildId, Instant requestedAt, String trigger) {
    return new RebuildEntry(
        rebuildId,
        requestedAt,
        trigger,
        Map.of(),
        List.of(),
        false,
        List.of(),
        null,
        DISPATCHING,
        null,
        null,
        null,
        null,
        null,
        List.of());
  }

  /** The same rebuild for {@code digests}, consuming the candidates {@code consumed}. */
  public RebuildEntry withSelection(Map<String, String> digests, List<PendingDigest> consumed) {
    return selecting(digests, consumed, pinned, unmatured, builds);
  }

  /**
   * The same rebuild with what it builds: pinned digests, or tags that may hold {@code notMatured}.
   */
  public RebuildEntry withBuilds(boolean pinnedBases, List<PendingDigest> notMatured, String what) {
    return selecting(baseDigests, covered, pinnedBases, notMatured, what);
  }

  /** The same rebuild, naming the vulnerabilities whose fixes took it past the soak. */
  public RebuildEntry withFastPath(List<String> fixes) {
    return progressing(outcome, detail, runUrl, run, completedAt, builtDigest, fixes);
  }

  /** The same rebuild with another outcome, closed {@code at} (null: still open). */
  public RebuildEntry withOutcome(String newOutcome, String newDetail, Instant at) {
    return progressing(newOutcome, newDetail, runUrl, run, at, builtDigest, fastPath);
  }

  /** The same rebuild with another outcome and the run that carries it. */
  public RebuildEntry withRun(String newOutcome, String newDetail, String url, RunRef newRun) {
    return progressing(newOutcome, newDetail, url, newRun, completedAt, builtDigest, fastPath);
  }

  /** The same rebuild closed {@code at} by a new build of the image, {@code digest}. */
  public RebuildEntry builtAs(String digest, String newDetail, Instant at) {
    return progressing(BUILT, newDetail, runUrl, run, at, digest, fastPath);
  }

  /** The one copy path for what the rebuild is for; its progress stays. */
  private RebuildEntry selecting(
      Map<String, String> digests,
      List<PendingDigest> consumed,
      boolean pinnedBases,
      List<PendingDigest> notMatured,
      String what) {
    return new RebuildEntry(
        rebuildId,
        requestedAt,
        trigger,
        digests,
        consumed,
        pinnedBases,
        notMatured,
        what,
        outcome,
        detail,
        runUrl,
        run,
        completedAt,
        builtDigest,
        fastPath);
  }

  /** The one copy path for how the rebuild went; what it is for stays. */
  private RebuildEntry progressing(
      String newOutcome,
      String newDetail,
      String url,
      RunRef newRun,
      Instant at,
      String digest,
      List<String> fixes) {
    return new RebuildEntry(
        rebuildId,
        requestedAt,
        trigger,
        baseDigests,
        covered,
        pinned,
        unmatured,
        builds,
        newOutcome,
        newDetail,
        url,
        newRun,
        at,
        digest,
        fixes);
  }
}
