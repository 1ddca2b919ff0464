package io.imagefactory.rebuild;

/**
 * What became of a dispatch.
 *
 * @param outcome {@link #RECORDED} (no credentials: logged and recorded, not sent), {@link
 *     #DISPATCHED} (sent, and the run is known) or {@link #UNIDENTIFIED} (sent, but no run could be
 *     matched to it without guessing)
 * @param runUrl the link to the started run, when known
 * @param detail a short human-readable line: what was sent, inputs left out, what was recorded
 * @param run the run to follow; null unless {@link #DISPATCHED}
 */
public record RebuildDispatch(String outcome, String runUrl, String detail, RunRef run) {

  public static final String RECORDED = "recorded";
  public static final String DISPATCHED = "dispatched";
  public static final String UNIDENTIFIED = "run-not-identified";

  public RebuildDispatch(String outcome, String runUrl, String detail) {
    this(outcome, runUrl, detail, null);
  }
}
