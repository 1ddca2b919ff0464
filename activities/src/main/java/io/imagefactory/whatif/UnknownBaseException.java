package io.imagefactory.whatif;

import java.util.List;

/** No base image or managed image of the state matches the reference; names the closest ones. */
public final class UnknownBaseException extends IllegalArgumentException {

  private final List<String> closest;

  UnknownBaseException(BaseReference reference, List<String> closest) {
    super(
        "no base image or managed image of the state repository is "
            + reference
            + (closest.isEmpty()
                ? " (the state has no base images)"
                : "; the closest known: " + String.join(", ", closest)));
    this.closest = List.copyOf(closest);
  }

  /** The known references nearest to the one asked for, nearest first. */
  public List<String> closest() {
    return closest;
  }
}
