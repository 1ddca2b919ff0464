package io.imagefactory.staterepo;

import io.imagefactory.statefiles.FileChange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The message of a machine-authored state commit: a summary line {@code image-factory: a; b; c}
 * (shortened with "and N more" past 72 characters), then every patch that changed something, then
 * every file written or deleted.
 */
final class CommitMessage {

  static final String PREFIX = "image-factory: ";
  private static final int SUMMARY_LIMIT = 72;
  private static final int FILE_LIST_LIMIT = 200;

  private CommitMessage() {}

  /**
   * Builds the message for {@code patches} (descriptions of the patches that changed something, in
   * order) and the net {@code changes}.
   */
  static String of(List<String> patches, List<FileChange> changes) {
    Set<String> phrases = new LinkedHashSet<>();
    patches.forEach(p -> phrases.add(oneLine(p)));
    if (phrases.isEmpty()) {
      phrases.add("render derived files");
    }
    StringBuilder message = new StringBuilder(summary(List.copyOf(phrases))).append("\n\n");
    for (String patch : patches) {
      message.append("- ").append(oneLine(patch)).append('\n');
    }
    if (!patches.isEmpty()) {
      message.append('\n');
    }
    message.append("Files:\n");
    int listed = 0;
    for (FileChange change : changes) {
      if (listed++ == FILE_LIST_LIMIT) {
        message.append("  ... and ").append(changes.size() - FILE_LIST_LIMIT).append(" more\n");
        break;
      }
      String kind =
          switch (change.action()) {
            case CREATE -> "A";
            case UPDATE -> "M";
            case DELETE -> "D";
          };
      message.append("  ").append(kind).append(' ').append(change.path()).append('\n');
    }
    return message.toString();
  }

  private static String summary(List<String> phrases) {
    StringBuilder line = new StringBuilder(PREFIX).append(phrases.get(0));
    for (int i = 1; i < phrases.size(); i++) {
      String more = "; and " + (phrases.size() - i) + " more";
      boolean last = i == phrases.size() - 1;
      int room = SUMMARY_LIMIT - (last ? 0 : more.length());
      if (line.length() + 2 + phrases.get(i).length() > room) {
        return line.append(more).toString();
      }
      line.append("; ").append(phrases.get(i));
    }
    return line.toString();
  }

  private static String oneLine(String text) {
    String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return t.isEmpty() ? "unnamed change" : t;
  }
}
