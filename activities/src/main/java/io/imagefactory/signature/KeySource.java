package io.imagefactory.signature;

import java.util.Optional;

/** Reads a rule's public key file; the worker reads it from the state repository's tip. */
@FunctionalInterface
public interface KeySource {

  /** The bytes of {@code path}, empty when there is no such file. */
  Optional<byte[]> read(String path);
}
