package io.imagefactory.statefiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefactory.catalog.yaml.Quoted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes the state files {@code images/<name>.yaml} and {@code base-images/<name>.yaml}
 * (seed 004). Writing is deterministic, so an unchanged state gives identical bytes. An image file
 * is external when its {@code discoveryStatus} is {@code external} or its enrollment has no source.
 */
public final class StateFileStore {

  public static final String IMAGES_DIR = "images";
  public static final String BASE_IMAGES_DIR = "base-images";
  public static final String SUFFIX = ".yaml";

  /** Larger state files are refused: no legitimate one comes close. */
  public static final int MAX_BYTES = 1024 * 1024;

  /** Built on first use: most state files are read without it (see {@link PlainYaml}). */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = StateYaml.mapper();
  }

  /** {@code images/<name>.yaml}. */
  public static String imagePath(String name) {
    return IMAGES_DIR + "/" + name + SUFFIX;
  }

  /** {@code base-images/<name>.yaml}. */
  public static String baseImagePath(String name) {
    return BASE_IMAGES_DIR + "/" + name + SUFFIX;
  }

  /** Reads an image state file; {@code path} names it in errors. */
  public ImageState readImage(String path, byte[] content) throws StateFileException {
    ImageState state = plainImage(content);
    if (state == null) {
      state = generalImage(path, content);
    }
    requireName(path, state.name());
    return state;
  }

  /** Reads a base-image state file; {@code path} names it in errors. */
  public BaseImageState readBaseImage(String path, byte[] content) throws StateFileException {
    BaseImageState state = plainBaseImage(content);
    if (state == null) {
      state = generalBaseImage(path, content);
    }
    requireName(path, state.name());
    if (state.registry() == null || state.repository() == null) {
      throw new StateFileException(path, "a base image needs registry and repository");
    }
    if (state.tag() == null && state.digest() == null) {
      throw new StateFileException(path, "a base image needs a tag or a digest");
    }
    return state;
  }

  /** The file content of an image state. */
  public String write(ImageState state) {
    return writeValue(state);
  }

  /** The file content of a base-image state. */
  public String write(BaseImageState state) {
    return writeValue(state);
  }

  /** An image state file read with Jackson, which takes any YAML and explains what is wrong. */
  ImageState generalImage(String path, byte[] content) throws StateFileException {
    JsonNode tree = tree(path, content);
    boolean external =
        "external".equals(tree.path("discoveryStatus").asText())
            || tree.path("enrollment").path("source").isMissingNode()
            || tree.path("enrollment").path("source").isNull();
    return read(path, content, external ? ExternalImageState.class : ManagedImageState.class);
  }

  /** A base-image state file read with Jackson. */
  BaseImageState generalBaseImage(String path, byte[] content) throws StateFileException {
    tree(path, content);
    return read(path, content, BaseImageState.class);
  }

  /** What {@link #generalBaseImage} gives, when the file is of the plain shape; else null. */
  static BaseImageState plainBaseImage(byte[] content) {
    Map<String, Object> fields = content.length > MAX_BYTES ? null : PlainYaml.read(content);
    return fields == null ? null : RecordBinder.bind(BaseImageState.class, fields);
  }

  /**
   * What {@link #generalImage} gives, when the file is of the plain shape; null when it is not, and
   * the general reader must decide (including what is wrong with the file).
   */
  static ImageState plainImage(byte[] content) {
    Map<String, Object> fields = content.length > MAX_BYTES ? null : PlainYaml.read(content);
    if (fields == null) {
      return null;
    }
    Object enrollment = fields.get("enrollment");
    boolean external =
        "external".equals(fields.get("discoveryStatus"))
            || !(enrollment instanceof Map<?, ?> block)
            || block.get("source") == null;
    Class<? extends ImageState> type =
        external ? ExternalImageState.class : ManagedImageState.class;
    return RecordBinder.bind(type, fields);
  }

  private String writeValue(Object state) {
    try {
      return Mapper.INSTANCE.writeValueAsString(state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + state.getClass().getSimpleName(), e);
    }
  }

  private JsonNode tree(String path, byte[] content) throws StateFileException {
    if (content.length > MAX_BYTES) {
      throw new StateFileException(path, "is larger than " + MAX_BYTES / 1024 + " KiB");
    }
    JsonNode tree = StateFileErrors.parse(path, () -> Mapper.INSTANCE.readTree(content));
    if (tree == null || !tree.isObject()) {
      throw new StateFileException(
          path,
          "expected a mapping of fields, got "
              + (tree == null || tree.isMissingNode() || tree.isNull()
                  ? "an empty file"
                  : tree.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return tree;
  }

  private <T> T read(String path, byte[] content, Class<? extends T> type)
      throws StateFileException {
    return StateFileErrors.parse(path, () -> Mapper.INSTANCE.readValue(content, type));
  }

  private static void requireName(String path, String name) throws StateFileException {
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    String expected =
        fileName.endsWith(SUFFIX)
            ? fileName.substring(0, fileName.length() - SUFFIX.length())
            : fileName;
    if (name == null || name.isBlank()) {
      throw new StateFileException(path, "field 'name' is required");
    }
    if (!name.equals(expected)) {
      throw new StateFileException(
          path, "field 'name': " + Quoted.of(name) + " does not match the file name");
    }
  }
}
