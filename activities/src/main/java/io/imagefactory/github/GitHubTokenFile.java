package io.imagefactory.github;

import io.imagefactory.rebuild.CiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A personal access token in a file (a mounted Kubernetes Secret), read at every use so a rotated
 * secret is picked up without a restart. It holds the path, never the token.
 *
 * <p>An unreadable or empty file is "unavailable", not "rejected": Kubernetes swaps a Secret's
 * files while it updates them, and the rebuild should survive that and a fix by the operator.
 */
public record GitHubTokenFile(Path file) implements GitHubCredentials {

  @Override
  public String tokenFor(String repo) throws CiException {
    return read(file, "GitHub token file");
  }

  /** The file's text, trimmed; the exception names the file and never its content. */
  static String read(Path file, String what) throws CiException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw CiException.unavailable(
          "cannot read the " + what + " " + file + ": " + e.getClass().getSimpleName(), null);
    }
    if (text.isEmpty()) {
      throw CiException.unavailable("the " + what + " " + file + " is empty", null);
    }
    return text;
  }
}
