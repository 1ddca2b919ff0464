package io.imagefactory.rebuild;

/**
 * What became of a dispatch.
 *
 * @param outcome {@code recorded} (no credentials: logged and recorded, not sent) or
 *     {@code dispatched}
 * @param runUrl the link to the started run, when the provider returned one
 * @param detail a short human-readable line, such as what would have been sent
 */
public record RebuildDispatch(String outcome, String runUrl, String detail) {

  public static final String RECORDED = "recorded";
  public static final String DISPATCHED = "dispatched";
}
