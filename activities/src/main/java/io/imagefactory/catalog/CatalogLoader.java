package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.YamlDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates {@code images.yaml}. Every problem of the file is reported at once, in one
 * {@link CatalogException}; a catalog is returned only when the file is entirely valid.
 */
public final class CatalogLoader {

  /** The catalog's file name in the state repository. */
  public static final String FILE_NAME = "images.yaml";

  /** Larger files are refused before parsing. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  /** Reads and validates {@code file}, naming it by its file name in messages. */
  public Catalog load(Path file) throws IOException, CatalogException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(MAX_BYTES + 1);
      Path dir = file.toAbsolutePath().getParent();
      return parse(file.getFileName().toString(), content, path -> readBeside(dir, path));
    }
  }

  /**
   * Validates {@code content}.
   *
   * @param fileName the name used in messages ({@code images.yaml})
   */
  public Catalog parse(String fileName, byte[] content) throws CatalogException {
    return parse(fileName, content, null);
  }

  /**
   * Validates {@code content}, and the files it names (the public keys of {@code verify:}) with
   * {@code files}.
   *
   * @param files reads a file of the state repository by its path there; null to leave the files
   *     unchecked
   */
  public Catalog parse(String fileName, byte[] content, Function<String, Optional<byte[]>> files)
      throws CatalogException {
    CatalogErrors errors = new CatalogErrors(fileName);
    if (content.length > MAX_BYTES) {
      errors.add(null, null, null, "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
      errors.throwIfAny();
    }
    Node root;
    try {
      root = YamlDocuments.compose(decode(content));
    } catch (CharacterCodingException e) {
      errors.add(null, null, null, "is not valid UTF-8");
      throw new CatalogException(errors.sorted());
    } catch (YamlDocuments.YamlProblem e) {
      errors.add(new CatalogError(fileName, e.line(), e.column(), null, null, e.getMessage()));
      throw new CatalogException(errors.sorted());
    }
    CatalogValidator validator = new CatalogValidator(errors, files);
    List<ImageEntry> entries = validator.read(root);
    errors.throwIfAny();
    return new Catalog(entries, validator.verifyRules());
  }

  /**
   * A file beside {@code images.yaml} in a checked-out state directory; never outside it, even
   * through a symbolic link.
   */
  private static Optional<byte[]> readBeside(Path dir, String path) {
    try {
      Path file = dir.resolve(path).toRealPath();
      if (!file.startsWith(dir.toRealPath()) || !Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(file)) {
        return Optional.of(in.readNBytes(MAX_BYTES));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String decode(byte[] content) throws CharacterCodingException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(content))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
