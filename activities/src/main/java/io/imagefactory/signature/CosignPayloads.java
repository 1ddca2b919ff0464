package io.imagefactory.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefactory.HumanText;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks one cosign signature layer: the base64 signature verifies over the exact payload bytes
 * with the key ({@link PublicKeys#verifies}), and the payload is a simple-signing document whose
 * {@code critical.image.docker-manifest-digest} is the digest being verified.
 */
final class CosignPayloads {

  static final String SIGNATURE_TYPE = "cosign container image signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CosignPayloads() {}

  /** Why {@code signature} does not verify {@code digest} with {@code key}; empty when it does. */
  static Optional<String> problem(CosignSignature signature, PublicKey key, String digest) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(signature.signature().trim());
    } catch (IllegalArgumentException e) {
      return Optional.of("the signature annotation is not base64");
    }
    if (!PublicKeys.verifies(key, signature.payload(), bytes)) {
      return Optional.of("the signature does not verify with the key");
    }
    return payloadProblem(signature.payload(), digest);
  }

  /** Why {@code payload} is not a simple-signing document for {@code digest}; empty when it is. */
  static Optional<String> payloadProblem(byte[] payload, String digest) {
    JsonNode critical;
    try {
      critical = JSON.readTree(payload).path("critical");
    } catch (IOException e) {
      return Optional.of("the signed payload is not JSON");
    }
    if (!SIGNATURE_TYPE.equals(critical.path("type").asText())) {
      return Optional.of("the signed payload is not a cosign simple-signing document");
    }
    String signed = critical.path("image").path("docker-manifest-digest").asText("");
    if (!digest.equals(signed)) {
      return Optional.of(
          "the signed payload names " + HumanText.shortDigest(signed) + ", not this digest");
    }
    return Optional.empty();
  }
}
