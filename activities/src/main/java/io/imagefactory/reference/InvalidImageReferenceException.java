package io.imagefactory.reference;

/** Text that is not a valid image reference; the message says why. */
public final class InvalidImageReferenceException extends Exception {

  InvalidImageReferenceException(String message) {
    super(message);
  }
}
