package io.imagefactory.image;

import io.imagefactory.statefiles.ImageRuntime;

/** The full state of an image workflow, as its query returns it. */
public record ImageStatus(ImageConfig config, ImageRuntime runtime, String details) {}
