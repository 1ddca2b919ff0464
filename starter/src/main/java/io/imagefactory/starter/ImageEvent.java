package io.imagefactory.starter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagefactory.reference.ImageReferences;
import io.imagefactory.reference.InvalidImageReferenceException;
import io.imagefactory.reference.TaggedRepository;

/**
 * One image event, exactly as Kargo's {@code http} step posts it to the worker: {@code
 * {"repoURL","tag","digest","warehouse"?,"freight"?}}.
 */
record ImageEvent(String repoURL, String tag, String digest, String warehouse, String freight) {

  /**
   * Reads {@code repoURL:tag}. The tag follows the last colon after the last slash, so a registry
   * port is part of the repository: {@code localhost:5000/app:1.2} is {@code localhost:5000/app} at
   * tag {@code 1.2}.
   */
  static ImageEvent of(String reference, String digest, String warehouse, String freight) {
    if (reference.contains("@")) {
      throw CommandFailure.invalidInput(
          "'" + reference + "': give the digest with --digest, not in the reference");
    }
    TaggedRepository parsed;
    try {
      parsed = TaggedRepository.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw CommandFailure.invalidInput(e.getMessage());
    }
    if (ImageReferences.checkDigest(digest).isPresent()) {
      throw CommandFailure.invalidInput(
          "--digest '"
              + digest
              + "' is not a digest: sha256: followed by 64 lower-case hex digits");
    }
    return new ImageEvent(
        parsed.repoURL(), parsed.tag(), digest, blankToNull(warehouse), blankToNull(freight));
  }

  /** The request body, fields in Kargo's order, optional ones only when given. */
  String toJson() {
    ObjectNode body = CliJson.MAPPER.createObjectNode();
    body.put("repoURL", repoURL).put("tag", tag).put("digest", digest);
    if (warehouse != null) {
      body.put("warehouse", warehouse);
    }
    if (freight != null) {
      body.put("freight", freight);
    }
    return body.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
