package io.imagefactory.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test fixtures: files under {@code src/test/resources/catalog} and the project's examples. */
public final class CatalogFixtures {

  private CatalogFixtures() {}

  public static byte[] resource(String name) {
    try (InputStream in = CatalogFixtures.class.getResourceAsStream("/catalog/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /catalog/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  /** The {@code examples/} state repository of this project (set by surefire). */
  public static Path examples() {
    return Path.of(System.getProperty("image-factory.project-dir", "..")).resolve("examples");
  }
}
