package io.imagefactory.statefiles;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One file created, updated or deleted in the state repository: what an enrollment plan proposes,
 * what a derived-file renderer produces and what the writer commits. The content is kept as bytes,
 * which is what git stores; {@link #text()} reads it back as UTF-8.
 *
 * @param path the path relative to the repository root ({@code images/api.yaml})
 * @param action what happens to the file
 * @param content the new bytes; null for {@link Action#DELETE}
 */
public record FileChange(String path, Action action, byte[] content) {

  /** What happens to the file. */
  public enum Action {
    CREATE,
    UPDATE,
    DELETE
  }

  /** Checks that only a deletion comes without content. */
  public FileChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(action, "action");
    if ((action == Action.DELETE) != (content == null)) {
      throw new IllegalArgumentException(
          path
              + ": a "
              + action
              + " change "
              + (content == null ? "needs" : "takes no")
              + " content");
    }
  }

  /** Creates {@code path} holding {@code text} as UTF-8. */
  public static FileChange create(String path, String text) {
    return new FileChange(path, Action.CREATE, utf8(text));
  }

  /** Creates {@code path} holding a copy of {@code content}. */
  public static FileChange create(String path, byte[] content) {
    return new FileChange(path, Action.CREATE, content.clone());
  }

  /** Replaces the file at {@code path} with {@code text} as UTF-8. */
  public static FileChange update(String path, String text) {
    return new FileChange(path, Action.UPDATE, utf8(text));
  }

  /** Replaces the file at {@code path} with a copy of {@code content}. */
  public static FileChange update(String path, byte[] content) {
    return new FileChange(path, Action.UPDATE, content.clone());
  }

  /**
   * Creates or replaces {@code path} with {@code content}, whichever {@code exists} says: for a
   * renderer that knows whether the file is there but not what it held.
   */
  public static FileChange write(String path, byte[] content, boolean exists) {
    return exists ? update(path, content) : create(path, content);
  }

  /** Deletes the file at {@code path}. */
  public static FileChange delete(String path) {
    return new FileChange(path, Action.DELETE, null);
  }

  /** True when this change removes the file. */
  public boolean deletes() {
    return action == Action.DELETE;
  }

  /** The new content as UTF-8 text; null for a deletion. */
  public String text() {
    return content == null ? null : new String(content, StandardCharsets.UTF_8);
  }

  // A record compares arrays by identity; two changes writing the same bytes are the same change.
  @Override
  public boolean equals(Object o) {
    return o instanceof FileChange other
        && path.equals(other.path)
        && action == other.action
        && Arrays.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, action, Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return action.name().toLowerCase(Locale.ROOT)
        + ' '
        + path
        + (content == null ? "" : " (" + content.length + " bytes)");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
