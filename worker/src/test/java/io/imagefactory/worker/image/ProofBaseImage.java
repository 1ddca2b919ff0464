package io.imagefactory.worker.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The base image of the offline image proof: one layer, a config and a manifest in the layout
 * {@code docker save} writes, which Jib reads as a {@code tar://} base. It stands in for
 * eclipse-temurin:17-jre, which no registry here can serve; its entrypoint, user and version label
 * are there to be replaced by the worker's.
 */
final class ProofBaseImage {

  static final String LAYER_FILE = "etc/image-proof-base";
  static final List<String> ENV =
      List.of("PATH=/opt/java/openjdk/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java/openjdk");
  static final String BASE_VERSION_LABEL = "base-1";

  // Sorted keys: Map.of iterates in a different order on every JVM.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ProofBaseImage() {}

  /** The uncompressed layer: a single marker file, so the built image shows the base under it. */
  static byte[] layer() {
    return tar(
        Map.of(
            LAYER_FILE,
            "offline stand-in for eclipse-temurin:17-jre\n".getBytes(StandardCharsets.UTF_8)));
  }

  /** The diff id of {@link #layer()}, as the base's config and the built image record it. */
  static String layerDiffId() {
    return "sha256:" + sha256(layer());
  }

  /** The whole tarball, byte for byte the same on every run. */
  static byte[] tarball() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    config.put(
        "config",
        Map.of(
            "Env",
            ENV,
            "Entrypoint",
            List.of("/bin/false"),
            "User",
            "0",
            "Labels",
            Map.of("org.opencontainers.image.version", BASE_VERSION_LABEL)));
    config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(layerDiffId())));
    config.put("history", List.of(Map.of("created_by", "ProofBaseImage")));
    List<Map<String, Object>> manifest =
        List.of(
            Map.of(
                "Config", "config.json",
                "RepoTags", List.of("image-proof/base:1"),
                "Layers", List.of("layer.tar")));

    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("layer.tar", layer());
    entries.put("config.json", json(config));
    entries.put("manifest.json", json(manifest));
    return tar(entries);
  }

  private static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file :
          files.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        entry.setMode(0644);
        // A fixed time keeps the committed tarball reproducible.
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
