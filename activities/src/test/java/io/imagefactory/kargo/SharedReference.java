package io.imagefactory.kargo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference schemas in the shared directory beside the project ({@code ../shared}), located
 * through the system property surefire sets. CI always has them; elsewhere a test that needs them
 * is skipped with a message naming the missing path.
 */
public final class SharedReference {

  public static final String PROPERTY = "image-factory.shared-dir";
  public static final String KARGO_DIR = "reference/kargo-v1.11.2";
  public static final String ARGO_CD_APPLICATION_CRD =
      "reference/argo-cd-v3.5.1/application-crd.yaml";

  private SharedReference() {}

  /** The shared file or directory at {@code relative}, or a skipped test when it is missing. */
  public static Path require(String relative) {
    String shared = System.getProperty(PROPERTY);
    assumeTrue(
        shared != null && !shared.isBlank(),
        () -> "System property " + PROPERTY + " is not set (run the tests through Maven)");
    Path path = Path.of(shared).resolve(relative).normalize();
    assumeTrue(
        Files.exists(path),
        () -> "Shared reference " + path + " is missing; this test runs where ../shared exists");
    return path;
  }
}
