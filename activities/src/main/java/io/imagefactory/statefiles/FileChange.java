package io.imagefactory.statefiles;

/**
 * One file a plan creates, updates or deletes in the state repository.
 *
 * @param path the path relative to the repository root ({@code images/api.yaml})
 * @param content the new content; null for {@link Action#DELETE}
 */
public record FileChange(String path, Action action, String content) {

  /** What happens to the file. */
  public enum Action {
    CREATE,
    UPDATE,
    DELETE
  }

  public static FileChange create(String path, String content) {
    return new FileChange(path, Action.CREATE, content);
  }

  public static FileChange update(String path, String content) {
    return new FileChange(path, Action.UPDATE, content);
  }

  public static FileChange delete(String path) {
    return new FileChange(path, Action.DELETE, null);
  }
}
