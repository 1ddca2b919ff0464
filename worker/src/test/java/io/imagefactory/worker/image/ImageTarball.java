package io.imagefactory.worker.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A container image tarball in the {@code docker save} layout (what {@code jib:buildTar} writes and
 * {@code tar://} bases are): its manifest, its config and the files of each layer.
 */
final class ImageTarball {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final Map<String, byte[]> entries;
  private final JsonNode manifest;
  private final JsonNode config;
  private List<Set<String>> layerNames;

  private ImageTarball(Path path, Map<String, byte[]> entries) throws IOException {
    this.path = path;
    this.entries = entries;
    this.manifest = JSON.readTree(entry("manifest.json")).get(0);
    this.config = JSON.readTree(entry(manifest.get("Config").asText()));
  }

  /** Reads the tarball at {@code path} into memory; the worker image is under 100 MB. */
  static ImageTarball read(Path path) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
      return new ImageTarball(path, files(in, name -> true));
    }
  }

  /** The first (only) manifest entry: {@code Config}, {@code RepoTags}, {@code Layers}. */
  JsonNode manifest() {
    return manifest;
  }

  /** The image config: {@code config.User}, {@code config.Entrypoint}, {@code rootfs}, ... */
  JsonNode config() {
    return config;
  }

  /** The layers' diff ids, base layers first. */
  List<String> layerDiffIds() {
    List<String> ids = new ArrayList<>();
    config.at("/rootfs/diff_ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  /** The regular files of layer {@code index}, in tar order. */
  List<String> layerFiles(int index) throws IOException {
    return List.copyOf(layerNames().get(index));
  }

  /** Whether some layer has the file {@code name}. */
  boolean hasFile(String name) throws IOException {
    return layerNames().stream().anyMatch(names -> names.contains(name));
  }

  /** A file of the image's filesystem, from the topmost layer that has it. */
  Optional<byte[]> file(String name) throws IOException {
    List<Set<String>> names = layerNames();
    for (int index = names.size() - 1; index >= 0; index--) {
      if (names.get(index).contains(name)) {
        return Optional.of(readLayer(index, name::equals).get(name));
      }
    }
    return Optional.empty();
  }

  // Names only: the dependencies layer is tens of megabytes, read once.
  private List<Set<String>> layerNames() throws IOException {
    if (layerNames == null) {
      List<Set<String>> names = new ArrayList<>();
      for (int index = 0; index < manifest.get("Layers").size(); index++) {
        names.add(readLayer(index, name -> false).keySet());
      }
      layerNames = names;
    }
    return layerNames;
  }

  private Map<String, byte[]> readLayer(int index, Predicate<String> keepContent)
      throws IOException {
    byte[] blob = entry(manifest.get("Layers").get(index).asText());
    InputStream in = new ByteArrayInputStream(blob);
    // docker save writes plain layers, Jib gzipped ones.
    boolean gzipped = blob.length > 1 && (blob[0] & 0xff) == 0x1f && (blob[1] & 0xff) == 0x8b;
    return files(gzipped ? new GZIPInputStream(in) : in, keepContent);
  }

  private byte[] entry(String name) {
    byte[] content = entries.get(name);
    if (content == null) {
      throw new IllegalStateException(
          path + " has no entry " + name + "; it has " + entries.keySet());
    }
    return content;
  }

  private static Map<String, byte[]> files(InputStream in, Predicate<String> keepContent)
      throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
      if (entry.isFile()) {
        files.put(entry.getName(), keepContent.test(entry.getName()) ? tar.readAllBytes() : null);
      }
    }
    return files;
  }
}
