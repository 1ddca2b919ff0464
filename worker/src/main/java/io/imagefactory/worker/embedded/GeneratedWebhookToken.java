package io.imagefactory.worker.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The webhook token of the embedded default when none is configured: random, written to a file only
 * its owner can read, and kept across restarts so the command-line tool and scripts can read it
 * from there. It is never logged; its path is.
 */
final class GeneratedWebhookToken {

  static final String FILE = "webhook-token";

  private GeneratedWebhookToken() {}

  /**
   * The token file under {@code dataDir}, created with a fresh token if absent.
   *
   * @return whether it was created now
   */
  static boolean ensure(Path file) {
    if (Files.isRegularFile(file)) {
      return false;
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      Files.createDirectories(file.getParent());
      createOwnerOnly(file);
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the webhook token file " + file, e);
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
  }
}
