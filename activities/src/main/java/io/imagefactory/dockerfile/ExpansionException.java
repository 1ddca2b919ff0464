package io.imagefactory.dockerfile;

/** A word whose variables cannot be expanded: bad syntax, a {@code ${NAME:?message}}, too deep. */
final class ExpansionException extends Exception {

  ExpansionException(String message) {
    super(message);
  }
}
