package io.imagefactory.staterepo;

import io.imagefactory.reference.ResourceNames;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateFileException;
import io.imagefactory.statefiles.StateFileStore;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the state files in a {@link StateFiles} view, for the semantic patches. Problems
 * (an invalid name, a missing or unreadable file) are thrown as {@link IllegalArgumentException}s
 * naming the file, which rejects the patch that ran into them and nothing else.
 */
final class TypedStateFiles {

  private static final StateFileStore STORE = new StateFileStore();

  private final StateFiles files;

  TypedStateFiles(StateFiles files) {
    this.files = files;
  }

  /** The image state {@code images/<name>.yaml}, if there is one. */
  Optional<ImageState> image(String name) {
    ResourceNames.problem(name)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("image name " + p);
            });
    String path = StateFileStore.imagePath(name);
    return files.read(path).map(bytes -> parse(path, () -> STORE.readImage(path, bytes)));
  }

  /** The state of managed image {@code name}; fails when it is missing or external. */
  ManagedImageState managedImage(String name) {
    ImageState state =
        image(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        StateFileStore.imagePath(name) + " does not exist"));
    if (state instanceof ManagedImageState managed) {
      return managed;
    }
    throw new IllegalArgumentException(
        StateFileStore.imagePath(name) + " is an external image, not a managed one");
  }

  /** The base-image state {@code base-images/<name>.yaml}, if there is one. */
  Optional<BaseImageState> base(String name) {
    if (!ResourceNames.isValidBaseName(name)) {
      throw new IllegalArgumentException(
          "base image name '" + name + "' is not a valid base-image name");
    }
    String path = StateFileStore.baseImagePath(name);
    return files.read(path).map(bytes -> parse(path, () -> STORE.readBaseImage(path, bytes)));
  }

  /** Names of all image state files, sorted. */
  List<String> imageNames() {
    return names(StateFileStore.IMAGES_DIR);
  }

  /** Names of all base-image state files, sorted. */
  List<String> baseNames() {
    return names(StateFileStore.BASE_IMAGES_DIR);
  }

  void write(ImageState state) {
    files.writeString(StateFileStore.imagePath(state.name()), STORE.write(state));
  }

  void write(BaseImageState state) {
    files.writeString(StateFileStore.baseImagePath(state.name()), STORE.write(state));
  }

  void deleteImage(String name) {
    files.delete(StateFileStore.imagePath(name));
  }

  void deleteBase(String name) {
    files.delete(StateFileStore.baseImagePath(name));
  }

  private List<String> names(String dir) {
    String prefix = dir + "/";
    return files.list(dir).stream()
        .filter(p -> p.endsWith(StateFileStore.SUFFIX) && p.indexOf('/', prefix.length()) < 0)
        .map(p -> p.substring(prefix.length(), p.length() - StateFileStore.SUFFIX.length()))
        .toList();
  }

  private interface Parse<T> {
    T run() throws StateFileException;
  }

  private static <T> T parse(String path, Parse<T> parse) {
    try {
      return parse.run();
    } catch (StateFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
