package io.imagefactory.gitlab;

import io.imagefactory.rebuild.CiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A token kept in a file and read at every use, so a rotated Secret is picked up without a restart.
 * Its problems are reported by path, never by content.
 */
final class TokenFile {

  private final Path path;

  TokenFile(Path path) {
    this.path = path;
  }

  /**
   * The token, without the surrounding whitespace editors and {@code kubectl create secret} leave.
   *
   * @throws CiException rejected when the file is missing, unreadable, empty or not one token: a
   *     configuration error that retrying does not mend
   */
  String read() throws CiException {
    String token;
    try {
      token = Files.readString(path).strip();
    } catch (NoSuchFileException e) {
      throw CiException.rejected("GitLab token file " + path + " does not exist");
    } catch (IOException e) {
      throw CiException.rejected(
          "GitLab token file " + path + " cannot be read: " + e.getClass().getSimpleName());
    }
    if (token.isEmpty()) {
      throw CiException.rejected("GitLab token file " + path + " is empty");
    }
    // A header value cannot hold whitespace or control characters; checking here keeps the
    // HTTP client from describing the bad value in an exception of its own.
    if (!token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw CiException.rejected(
          "GitLab token file "
              + path
              + " must hold one token (it contains spaces, line breaks"
              + " or non-ASCII characters)");
    }
    return token;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
