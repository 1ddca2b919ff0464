package io.imagefactory;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The one-line summaries an operator reads on each activity and timer in the Temporal UI. Built
 * only from names, digests, commits and times, never from credentials or configuration values.
 */
public final class UiSummaries {

  /** What an operator reads at a glance; Temporal refuses a summary over 400 bytes anyway. */
  static final int MAX_CHARS = 160;

  private static final int MAX_BYTES = 390;

  private UiSummaries() {}

  /** {@code text} on one line, cut to what a summary may hold. */
  public static String line(String text) {
    String single = HumanText.printable(text.replace('\n', ' ').replace('\r', ' '), MAX_CHARS);
    StringBuilder kept = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < single.length(); ) {
      int codePoint = single.codePointAt(i);
      bytes += new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_BYTES) {
        break;
      }
      kept.appendCodePoint(codePoint);
      i += Character.charCount(codePoint);
    }
    return kept.toString();
  }

  /** {@code url} without the user information a clone URL may carry ({@code user:token@}). */
  public static String withoutUserInfo(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    int at = url.indexOf('@', scheme + 3);
    int path = url.indexOf('/', scheme + 3);
    if (scheme < 0 || at < 0 || (path >= 0 && at > path)) {
      return url;
    }
    return url.substring(0, scheme + 3) + url.substring(at + 1);
  }

  /** A commit id as git shows it in one line. */
  public static String shortCommit(String commitId) {
    return commitId == null || commitId.length() <= 12
        ? String.valueOf(commitId)
        : commitId.substring(0, 12);
  }

  /** An activity stub whose every call carries {@code summary}. */
  public static <T> T activities(Class<T> type, ActivityOptions options, String summary) {
    return Workflow.newActivityStub(
        type, ActivityOptions.newBuilder(options).setSummary(line(summary)).build());
  }

  /**
   * {@link Workflow#await(Duration, Supplier)} with a timer that says what it waits for. When
   * {@code unblock} wins, the timer is left to fire rather than cancelled (see {@link LoopTimer}).
   *
   * @return true when {@code unblock} became true, false when the timer fired first
   */
  public static boolean await(Duration timeout, String summary, Supplier<Boolean> unblock) {
    if (unblock.get()) {
      return true;
    }
    TimerOptions options = TimerOptions.newBuilder().setSummary(line(summary)).build();
    Promise<Void> timer = Workflow.newTimer(timeout, options);
    Workflow.await(() -> timer.isCompleted() || unblock.get());
    return unblock.get();
  }
}
