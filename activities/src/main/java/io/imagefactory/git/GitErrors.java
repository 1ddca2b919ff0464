package io.imagefactory.git;

import java.text.MessageFormat;
import org.eclipse.jgit.internal.JGitText;

/**
 * Turns JGit's exceptions into short causes that name what went wrong. JGit's messages carry the
 * remote URL, which {@link RemoteUrl} guarantees is free of credentials, and never the token.
 */
public final class GitErrors {

  private GitErrors() {}

  /** True when a fetch failed because the remote has no such branch. */
  public static boolean isMissingBranch(Throwable e, String branch) {
    String expected =
        MessageFormat.format(JGitText.get().remoteDoesNotHaveSpec, "refs/heads/" + branch);
    return anyMessageContains(e, expected);
  }

  /** True when the server does not support shallow fetches. */
  public static boolean isShallowUnsupported(Throwable e) {
    return anyMessageContains(e, JGitText.get().shallowNotSupported);
  }

  /**
   * True when the server refused the credentials (401, or 403 "not permitted"), or asked for some
   * and none were configured.
   */
  static boolean isAuthFailure(Throwable e) {
    return anyMessageContains(e, JGitText.get().notAuthorized)
        || anyMessageContains(e, JGitText.get().noCredentialsProvider)
        || anyMessageContains(e, " not permitted on '");
  }

  /** The innermost distinct messages of {@code e}'s cause chain, joined for an error message. */
  public static String describe(Throwable e) {
    if (isAuthFailure(e)) {
      return "authentication failed (not authorized); check the token configured for this host";
    }
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (b.indexOf(m) < 0) {
        if (b.length() > 0) {
          b.append(": ");
        }
        b.append(m);
      }
    }
    return b.toString();
  }

  private static boolean anyMessageContains(Throwable e, String text) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }
}
