package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for the {@code source} block of a managed image. Each returns what is wrong, quoting the
 * value, or empty. A repository URL carrying credentials is rejected without echoing them.
 */
final class SourceRules {

  static final List<String> PROVIDERS = List.of("github", "gitlab");

  private static final Pattern OWNER_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
  private static final Pattern SCP_LIKE =
      Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s:]+");
  private static final Pattern WORKFLOW = Pattern.compile("[A-Za-z0-9._-]+\\.ya?ml|[0-9]+");
  private static final Pattern BAD_REF_CHARACTERS = Pattern.compile("[\\s~^:?*\\[\\\\]");
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/]*@");
  private static final int MAX_PATH_LENGTH = 4096;

  private SourceRules() {}

  static Optional<String> provider(String provider) {
    if (PROVIDERS.contains(provider)) {
      return Optional.empty();
    }
    return Optional.of(
        Quoted.of(provider)
            + " is not a supported provider (use github; gitlab is accepted for a later provider)");
  }

  static Optional<String> repo(String repo) {
    if (Quoted.hasControlCharacter(repo) || repo.chars().anyMatch(Character::isWhitespace)) {
      return notARepo(repo);
    }
    if (OWNER_NAME.matcher(repo).matches()) {
      String name = repo.substring(repo.indexOf('/') + 1);
      return name.equals(".") || name.equals("..") ? notARepo(repo) : Optional.empty();
    }
    if (SCP_LIKE.matcher(repo).matches()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(repo);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if (uri.getRawUserInfo() != null
          && (!scheme.equals("ssh") || uri.getRawUserInfo().contains(":"))) {
        return Optional.of(
            "a repository URL must not contain credentials (configure them on the worker)");
      }
      return switch (scheme) {
        case "https", "ssh" ->
            uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2
                ? notARepo(repo)
                : Optional.empty();
        case "file" ->
            uri.getPath() == null || uri.getPath().isEmpty() ? notARepo(repo) : Optional.empty();
        case "http" -> Optional.of(Quoted.of(withoutUserInfo(repo)) + " must use https, not http");
        default -> notARepo(repo);
      };
    } catch (URISyntaxException e) {
      return notARepo(repo);
    }
  }

  static Optional<String> dockerfile(String path) {
    String quoted = Quoted.of(path);
    if (Quoted.hasControlCharacter(path)) {
      return Optional.of(quoted + " contains a control character");
    }
    if (path.contains("\\")) {
      return Optional.of(quoted + " must use '/' as the separator (no backslashes)");
    }
    if (path.startsWith("/")) {
      return Optional.of(quoted + " must be relative to the repository root (no leading '/')");
    }
    if (path.length() > MAX_PATH_LENGTH) {
      return Optional.of(quoted + " is longer than " + MAX_PATH_LENGTH + " characters");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        return Optional.of(quoted + " must not contain '..'");
      }
      if (segment.isEmpty() || segment.equals(".")) {
        return Optional.of(quoted + " is not a normalised file path (no empty or '.' segments)");
      }
    }
    return Optional.empty();
  }

  static Optional<String> branch(String branch) {
    boolean invalid =
        Quoted.hasControlCharacter(branch)
            || BAD_REF_CHARACTERS.matcher(branch).find()
            || branch.contains("..")
            || branch.contains("@{")
            || branch.contains("//")
            || branch.startsWith("-")
            || branch.startsWith("/")
            || branch.endsWith("/")
            || branch.endsWith(".")
            || branch.endsWith(".lock");
    return invalid
        ? Optional.of(Quoted.of(branch) + " is not a valid branch name")
        : Optional.empty();
  }

  static Optional<String> workflow(String workflow) {
    return WORKFLOW.matcher(workflow).matches()
        ? Optional.empty()
        : Optional.of(
            Quoted.of(workflow)
                + " is not a workflow file name (like build.yml, in .github/workflows) or id");
  }

  private static Optional<String> notARepo(String repo) {
    return Optional.of(
        Quoted.of(withoutUserInfo(repo))
            + " is not a repository: use owner/name or an https, ssh or file URL");
  }

  /** Masks anything between {@code ://} and {@code @}: it may be a token. */
  private static String withoutUserInfo(String repo) {
    return USER_INFO.matcher(repo).replaceFirst("$1***@");
  }
}
