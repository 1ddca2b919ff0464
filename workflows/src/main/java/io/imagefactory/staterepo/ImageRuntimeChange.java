package io.imagefactory.staterepo;

import io.imagefactory.statefiles.ImageRuntime;

/** Record what an image workflow knows (digest, candidates, rebuilds) in its state file. */
public record ImageRuntimeChange(String image, ImageRuntime runtime) implements StateChange {}
