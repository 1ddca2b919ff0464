package io.imagefactory.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Finds the signatures of a digest in its registry: the OCI referrers API first ({@code GET
 * /v2/<name>/referrers/<digest>}: cosign signature manifests and Sigstore bundles), and, when it
 * lists none or the registry does not offer it, cosign's tag {@code sha256-<hex>.sig} (signature
 * layers, key-based or keyless with their certificate annotations). Every manifest, payload and
 * bundle read is checked against the digest it was asked for, so a registry cannot substitute
 * content.
 */
final class SignatureFinder {

  static final String SIGNATURE_ARTIFACT = "application/vnd.dev.cosign.artifact.sig.v1+json";
  static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  static final String BUNDLE_V02 = "application/vnd.dev.sigstore.bundle+json;version=0.2";
  static final String BUNDLE_V02_ARTIFACT = "application/vnd.dev.sigstore.bundle.v0.2+json";

  /** A digest with more signatures than this is read only this far. */
  static final int MAX_SIGNATURES = 20;

  private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
  private static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
  private static final List<String> MANIFESTS = List.of(OCI_MANIFEST, DOCKER_MANIFEST);
  private static final Set<String> SIGNATURE_TYPES = Set.of(SIGNATURE_ARTIFACT, SIMPLE_SIGNING);
  private static final Set<String> BUNDLE_TYPES =
      Set.of(BUNDLE_V03, BUNDLE_V02, BUNDLE_V02_ARTIFACT);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryClient registry;

  SignatureFinder(RegistryClient registry) {
    this.registry = registry;
  }

  /** What was found; {@link Found#refused} when the registry refused access. */
  record Found(List<CosignSignature> signatures, List<SigstoreBundle> bundles, String refused) {

    boolean none() {
      return signatures.isEmpty() && bundles.isEmpty();
    }
  }

  /**
   * The signatures of {@code digest} in {@code repository} ({@code registry/name}).
   *
   * @throws IllegalArgumentException when the repository or digest is malformed
   */
  Found find(String repository, String digest) {
    int slash = repository.indexOf('/');
    if (slash <= 0 || !digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "cannot look up signatures of " + repository + "@" + digest);
    }
    String host = repository.substring(0, slash);
    String name = repository.substring(slash + 1);
    List<CosignSignature> found = new ArrayList<>();
    List<SigstoreBundle> bundles = new ArrayList<>();
    String refused = referrers(host, name, digest, found, bundles);
    if (found.isEmpty() && bundles.isEmpty()) {
      String tag = "sha256-" + digest.substring("sha256:".length()) + ".sig";
      RegistryResponse manifest =
          registry.get(host, name, "manifests/" + tag, MANIFESTS, MAX_MANIFEST_BYTES);
      if (manifest.ok()) {
        layers(host, name, manifest.body(), "tag " + tag, found);
      } else if (manifest.status() == 401 || manifest.status() == 403) {
        refused = "the registry refused access (" + manifest.status() + ")";
      }
    }
    boolean none = found.isEmpty() && bundles.isEmpty();
    return new Found(found, bundles, none ? refused : null);
  }

  private String referrers(
      String host,
      String name,
      String digest,
      List<CosignSignature> found,
      List<SigstoreBundle> bundles) {
    // Unfiltered, so one listing serves signature manifests and bundles alike.
    String path = "referrers/" + digest;
    RegistryResponse index = registry.get(host, name, path, List.of(OCI_INDEX), MAX_MANIFEST_BYTES);
    if (index.status() == 401 || index.status() == 403) {
      return "the registry refused access (" + index.status() + ")";
    }
    if (!index.ok()) {
      // A registry without the referrers API answers 404 (or 400, 405): the tag is the fallback.
      return null;
    }
    for (JsonNode descriptor : json(index.body()).path("manifests")) {
      if (found.size() + bundles.size() >= MAX_SIGNATURES) {
        break;
      }
      String type = descriptor.path("artifactType").asText("");
      String manifestDigest = descriptor.path("digest").asText("");
      boolean bundle = BUNDLE_TYPES.contains(type);
      if (!(bundle || SIGNATURE_TYPES.contains(type))
          || !manifestDigest.matches("sha256:[0-9a-f]{64}")) {
        continue;
      }
      RegistryResponse manifest =
          registry.get(host, name, "manifests/" + manifestDigest, MANIFESTS, MAX_MANIFEST_BYTES);
      if (!manifest.ok() || !manifestDigest.equals(sha256(manifest.body()))) {
        continue;
      }
      if (bundle) {
        bundles(host, name, manifest.body(), bundles);
      } else {
        layers(host, name, manifest.body(), "referrers", found);
      }
    }
    return null;
  }

  private void bundles(String host, String name, byte[] manifest, List<SigstoreBundle> bundles) {
    for (JsonNode layer : json(manifest).path("layers")) {
      byte[] blob = blob(host, name, layer);
      if (BUNDLE_TYPES.contains(layer.path("mediaType").asText()) && blob != null) {
        bundles.add(new SigstoreBundle("referrers", blob));
        return;
      }
    }
  }

  private void layers(
      String host, String name, byte[] manifest, String source, List<CosignSignature> found) {
    for (JsonNode layer : json(manifest).path("layers")) {
      if (found.size() >= MAX_SIGNATURES) {
        return;
      }
      JsonNode annotations = layer.path("annotations");
      String signature = annotations.path(SIGNATURE_ANNOTATION).asText(null);
      if (!SIMPLE_SIGNING.equals(layer.path("mediaType").asText()) || signature == null) {
        continue;
      }
      byte[] payload = blob(host, name, layer);
      if (payload != null) {
        found.add(
            new CosignSignature(
                source,
                payload,
                signature,
                annotations.path(CosignSignature.CERTIFICATE_ANNOTATION).asText(null),
                annotations.path(CosignSignature.CHAIN_ANNOTATION).asText(null),
                annotations.path(CosignSignature.BUNDLE_ANNOTATION).asText(null)));
      }
    }
  }

  /** The blob a layer descriptor names, when it is there and has that digest; else null. */
  private byte[] blob(String host, String name, JsonNode layer) {
    String blob = layer.path("digest").asText("");
    if (!blob.matches("sha256:[0-9a-f]{64}")) {
      return null;
    }
    RegistryResponse content =
        registry.get(host, name, "blobs/" + blob, List.of(), MAX_PAYLOAD_BYTES);
    return content.ok() && blob.equals(sha256(content.body())) ? content.body() : null;
  }

  /** A document that is not JSON lists nothing: it holds no signature of ours. */
  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
