package io.imagefactory.worker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file holding a secret (a token, a private key), as Kubernetes mounts Secrets. The content is
 * read at use time, so a rotated Secret is picked up without a restart, and it is never part of
 * {@link #toString()}, of an exception message or of a log line: only the path is.
 */
public record SecretFile(Path path) {

  // Secrets are small; anything larger is a wrong path, not a token.
  private static final long MAX_BYTES = 64 * 1024;

  public SecretFile {
    if (path == null) {
      throw new IllegalArgumentException("a secret file needs a path");
    }
  }

  /** Binds {@code image-factory.*.token-file} and friends from their string form. */
  public static SecretFile of(String path) {
    return new SecretFile(Path.of(path));
  }

  /** The secret, without surrounding whitespace (mounted Secrets often end in a newline). */
  public String read() {
    return new String(readBytes(), StandardCharsets.UTF_8).strip();
  }

  /** The raw content, for keys whose bytes matter. */
  public byte[] readBytes() {
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new SecretUnavailableException("secret file " + path + " is larger than 64 KiB");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new SecretUnavailableException(
          "cannot read secret file " + path + ": " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "SecretFile[" + path + "]";
  }

  /** A secret file that is missing or unreadable. The message names the path only. */
  public static final class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
      super(message);
    }
  }
}
