package io.imagefactory.statefiles;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state file {@code images/<name>.yaml} of an enrolled image: managed or external.
 * Implementations are records; {@code unknownFields} carries top-level fields this version does not
 * know, so that writing the file back never drops them.
 */
public sealed interface ImageState permits ManagedImageState, ExternalImageState {

  String name();

  Instant enrolledAt();

  DiscoveryStatus discoveryStatus();

  Enrollment enrollment();

  List<String> baseImages();

  Map<String, Object> unknownFields();
}
