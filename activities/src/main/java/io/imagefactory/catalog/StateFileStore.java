package io.imagefactory.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

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

  private final ObjectMapper mapper = StateYaml.mapper();

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
    JsonNode tree = tree(path, content);
    boolean external =
        "external".equals(tree.path("discoveryStatus").asText())
            || tree.path("enrollment").path("source").isMissingNode()
            || tree.path("enrollment").path("source").isNull();
    Class<? extends ImageState> type =
        external ? ExternalImageState.class : ManagedImageState.class;
    ImageState state = read(path, content, type);
    requireName(path, state.name());
    return state;
  }

  /** Reads a base-image state file; {@code path} names it in errors. */
  public BaseImageState readBaseImage(String path, byte[] content) throws StateFileException {
    tree(path, content);
    BaseImageState state = read(path, content, BaseImageState.class);
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

  private String writeValue(Object state) {
    try {
      return mapper.writeValueAsString(state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + state.getClass().getSimpleName(), e);
    }
  }

  private JsonNode tree(String path, byte[] content) throws StateFileException {
    if (content.length > MAX_BYTES) {
      throw new StateFileException(path, "is larger than " + MAX_BYTES / 1024 + " KiB");
    }
    JsonNode tree = StateFileErrors.parse(path, () -> mapper.readTree(content));
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
    return StateFileErrors.parse(path, () -> mapper.readValue(content, type));
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
