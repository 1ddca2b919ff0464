package io.imagefactory.staterepo;

import java.nio.charset.StandardCharsets;

/**
 * One file to write or delete in the state repository.
 *
 * @param path the repository-relative path
 * @param content the new bytes, or null to delete the file
 */
public record FileChange(String path, byte[] content) {

  /** Writes {@code content} at {@code path}. */
  public static FileChange write(String path, byte[] content) {
    return new FileChange(path, content.clone());
  }

  /** Writes {@code text} as UTF-8 at {@code path}. */
  public static FileChange write(String path, String text) {
    return new FileChange(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes the file at {@code path}, if there is one. */
  public static FileChange delete(String path) {
    return new FileChange(path, null);
  }

  /** True when this change removes the file. */
  public boolean deletes() {
    return content == null;
  }
}
