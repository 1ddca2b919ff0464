package io.imagefactory.worker.webhook;

import io.imagefactory.reference.ImageReferences;
import java.util.Optional;

/**
 * What Kargo's promotion step posts to {@code /api/v1/events/image}: the Freight's image. Fields it
 * does not know are ignored, so a newer Kargo template adding one does not stall every promotion; a
 * misspelt required field is still refused, as missing.
 *
 * @param repoURL {@code registry/repository}, as the Warehouse subscribes to it
 * @param warehouse the Warehouse that produced the Freight (for the log)
 * @param freight the Freight's name (recorded with a base's digest)
 */
record ImageEvent(String repoURL, String tag, String digest, String warehouse, String freight) {

  /** Refuses the first field that is missing or malformed, naming it. */
  void validate() {
    check("repoURL", ImageReferences.checkRepoUrl(repoURL));
    check("tag", ImageReferences.checkTag(tag));
    check("digest", ImageReferences.checkDigest(digest));
    check("warehouse", ImageReferences.checkObjectName(warehouse));
    check("freight", ImageReferences.checkObjectName(freight));
  }

  private static void check(String field, Optional<String> problem) {
    if (problem.isPresent()) {
      throw ApiProblem.badRequest(field, problem.get());
    }
  }

  @Override
  public String toString() {
    return repoURL + ":" + tag + "@" + digest;
  }
}
