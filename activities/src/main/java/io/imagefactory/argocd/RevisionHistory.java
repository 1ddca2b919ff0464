package io.imagefactory.argocd;

import java.util.Locale;

/**
 * Whether a revision Argo CD reports already holds the commit we wait for. The single writer
 * commits every digest and rebuild record, so by the time Argo CD syncs, the state repository has
 * usually moved on: a synced descendant of our commit deploys it as well as the commit itself.
 */
@FunctionalInterface
public interface RevisionHistory {

  /**
   * True when {@code synced} is {@code wanted} or a descendant of it. Implementations answer false
   * for an unknown or unrelated revision, never throw for one.
   */
  boolean includes(String synced, String wanted);

  /** Only the commit itself (or a 7+ character prefix of it) counts. */
  RevisionHistory SAME_COMMIT = RevisionHistory::sameCommit;

  /** Full ids compare equal ignoring case; a short id (7+ characters) matches as a prefix. */
  static boolean sameCommit(String synced, String wanted) {
    String s = synced.toLowerCase(Locale.ROOT);
    String w = wanted.toLowerCase(Locale.ROOT);
    return s.equals(w) || (w.length() >= 7 && s.startsWith(w));
  }
}
