package io.imagefactory.signature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Pushes blobs and manifests to a registry through the OCI distribution API, as a client does. */
final class RegistryPusher {

  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI registry;

  RegistryPusher(URI registry) {
    this.registry = registry;
  }

  /** A monolithic upload: POST for a session, PUT with the digest; returns the digest. */
  String blob(String name, byte[] content) throws IOException, InterruptedException {
    HttpResponse<String> started =
        http.send(
            HttpRequest.newBuilder(registry.resolve("v2/" + name + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(started, 202);
    String digest = SignatureFinder.sha256(content);
    String location = started.headers().firstValue("Location").orElseThrow();
    URI upload =
        registry.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(upload)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(put, 201);
    return digest;
  }

  /** Puts a manifest under {@code reference} (a tag or its digest); returns its digest. */
  String manifest(String name, String reference, String mediaType, String json)
      throws IOException, InterruptedException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(registry.resolve("v2/" + name + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(put, 201);
    return SignatureFinder.sha256(bytes);
  }

  /** A small image (one config, one layer) tagged {@code tag}; returns its manifest digest. */
  String image(String name, String tag) throws IOException, InterruptedException {
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"tag\":\"" + tag + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + name + ":" + tag).getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(name, config);
    String layerDigest = blob(name, layer);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + SignatureFinder.OCI_MANIFEST
            + "\","
            + "\"config\":"
            + descriptor(OCI_CONFIG, configDigest, config.length)
            + ","
            + "\"layers\":["
            + descriptor(OCI_LAYER, layerDigest, layer.length)
            + "]}";
    return manifest(name, tag, SignatureFinder.OCI_MANIFEST, manifest);
  }

  static String descriptor(String mediaType, String digest, long size) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + "}";
  }

  private static void expect(HttpResponse<String> response, int status) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(
          response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }
}
