package io.imagefactory.staterepo;

import io.imagefactory.HumanText;
import io.imagefactory.catalog.ExternalImageState;
import io.imagefactory.catalog.ImageState;
import io.imagefactory.catalog.ManagedImageState;
import java.time.Instant;

/**
 * Records a new build (a new digest) of an image that Kargo reported: {@code currentDigest} and
 * the tag, with when it was built (managed) or first seen (external). The same digest again
 * changes nothing, so a redelivered event never moves the time.
 */
public record RecordImageBuild(String image, String digest, String tag, Instant builtAt) implements StatePatch {

  @Override
  public String describe() {
    return "record build " + HumanText.shortDigest(digest) + " of " + image;
  }

  @Override
  public void applyTo(StateFiles files) {
    TypedStateFiles typed = new TypedStateFiles(files);
    ImageState state = typed.image(image).orElseThrow(() ->
        new IllegalArgumentException("images/" + image + ".yaml does not exist"));
    if (state instanceof ManagedImageState m) {
      if (!digest.equals(m.currentDigest())) {
        typed.write(ManagedImages.withBuild(m, digest, tag, builtAt));
      }
    } else if (state instanceof ExternalImageState e && !digest.equals(e.currentDigest())) {
      typed.write(new ExternalImageState(e.name(), e.enrolledAt(), e.discoveryStatus(), e.enrollment(), e.repoURL(),
          e.allowTags(), e.imageSelectionStrategy(), e.baseImages(), e.dependentImages(), tag, digest, builtAt,
          e.unknownFields()));
    }
  }
}
