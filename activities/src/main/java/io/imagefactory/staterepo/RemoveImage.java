package io.imagefactory.staterepo;

import io.imagefactory.catalog.BaseImageState;
import io.imagefactory.catalog.ExternalImageState;
import io.imagefactory.catalog.ImageState;
import io.imagefactory.catalog.ManagedImageState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Removes an image that left {@code images.yaml}: deletes its state file, takes it out of every
 * {@code dependentImages} list, and deletes the state of each base image it was the last dependent
 * of, so that base is no longer watched. Images built on it keep their {@code baseImages}; the next
 * analysis decides what they are built on.
 */
public record RemoveImage(String name) implements StatePatch {

  @Override
  public String describe() {
    return "remove " + name;
  }

  @Override
  public void applyTo(StateFiles files) {
    TypedStateFiles typed = new TypedStateFiles(files);
    typed.image(name);
    typed.deleteImage(name);
    for (String baseName : typed.baseNames()) {
      BaseImageState b = readable(() -> typed.base(baseName).orElseThrow());
      if (b == null || !b.dependentImages().contains(name)) {
        continue;
      }
      List<String> dependents = without(b.dependentImages());
      if (dependents.isEmpty()) {
        typed.deleteBase(baseName);
      } else {
        typed.write(new BaseImageState(b.name(), b.fullImage(), b.registry(), b.repository(), b.tag(), b.digest(),
            b.repoURL(), b.allowTags(), b.imageSelectionStrategy(), b.firstDiscovered(), b.lastChecked(),
            b.watched(), dependents, b.currentDigest(), b.lastUpdated(), b.digestHistory(), b.unknownFields()));
      }
    }
    for (String imageName : typed.imageNames()) {
      ImageState state = readable(() -> typed.image(imageName).orElseThrow());
      if (state instanceof ManagedImageState m && m.dependentImages().contains(name)) {
        typed.write(ManagedImages.withDependents(m, without(m.dependentImages())));
      } else if (state instanceof ExternalImageState e && e.dependentImages().contains(name)) {
        typed.write(new ExternalImageState(e.name(), e.enrolledAt(), e.discoveryStatus(), e.enrollment(),
            e.repoURL(), e.allowTags(), e.imageSelectionStrategy(), e.baseImages(), without(e.dependentImages()),
            e.currentTag(), e.currentDigest(), e.lastUpdated(), e.unknownFields()));
      }
    }
  }

  /** Another file that cannot be read is not this patch's business; it is reported elsewhere. */
  private static <T> T readable(Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<String> without(List<String> names) {
    List<String> rest = new ArrayList<>(names);
    rest.removeIf(name::equals);
    return rest;
  }
}
