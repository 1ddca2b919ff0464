package io.imagefactory.image;

/**
 * Starts (or continues as new) an image workflow: its configuration and what it knew.
 *
 * @param continueAsNewAfter history length after which the workflow continues as new; 0 for the
 *     default
 */
public record ImageSetup(ImageConfig config, ImageRuntime runtime, int continueAsNewAfter) {

  public ImageSetup(ImageConfig config, ImageRuntime runtime) {
    this(config, runtime, 0);
  }
}
