package io.imagefactory.staterepo;

import io.imagefactory.catalog.ImageState;
import io.imagefactory.catalog.RuntimeRecords;
import io.imagefactory.image.ImageRuntime;
import java.util.Optional;

/**
 * Writes what an image workflow knows — current digest, rebuild candidates, a pending approval,
 * the last rebuild — into the image's state file. An image that left the state has no file to
 * write to, so the patch then does nothing.
 */
public record RecordImageRuntime(String image, ImageRuntime runtime) implements StatePatch {

  @Override
  public String describe() {
    return "record state of " + image;
  }

  @Override
  public void applyTo(StateFiles files) {
    TypedStateFiles typed = new TypedStateFiles(files);
    Optional<ImageState> current = typed.image(image);
    if (current.isEmpty()) {
      return;
    }
    ImageState next = RuntimeRecords.withRuntime(current.get(), runtime);
    if (!next.equals(current.get())) {
      typed.write(next);
    }
  }
}
