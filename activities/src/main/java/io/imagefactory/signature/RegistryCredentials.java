package io.imagefactory.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials from a Docker {@code config.json} ({@code auths.<host>.auth}, base64 of
 * {@code user:password}, or {@code username}/{@code password}). The file is read at each use, so a
 * rotated Secret is picked up; its content never reaches a log, a message or a payload.
 */
public final class RegistryCredentials {

  private static final int MAX_BYTES = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  /** Credentials from {@code file}; null for none (every registry is asked anonymously). */
  public RegistryCredentials(Path file) {
    this.file = file;
  }

  /** No credentials: anonymous access only. */
  public static RegistryCredentials none() {
    return new RegistryCredentials(null);
  }

  /** The {@code Basic} authorization value for {@code host}, if the file has one for it. */
  Optional<String> basicFor(String host) {
    if (file == null) {
      return Optional.empty();
    }
    Map<String, String> auths = read();
    for (String candidate : RegistryHosts.configKeys(host)) {
      String auth = auths.get(candidate);
      if (auth != null) {
        return Optional.of("Basic " + auth);
      }
    }
    return Optional.empty();
  }

  /** Host (without scheme or path) to base64 {@code user:password}. */
  private Map<String, String> read() {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = JSON.readTree(in.readNBytes(MAX_BYTES));
    } catch (IOException e) {
      // The message names the file, never its content.
      throw new IllegalStateException(
          "cannot read the registry credentials file " + file + ": " + e.getClass().getSimpleName(),
          null);
    }
    Map<String, String> auths = new HashMap<>();
    JsonNode all = root == null ? null : root.get("auths");
    if (all == null || !all.isObject()) {
      return auths;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String auth = authOf(entry.getValue());
      if (auth != null) {
        auths.putIfAbsent(hostOf(entry.getKey()), auth);
      }
    }
    return auths;
  }

  private static String authOf(JsonNode node) {
    if (node.hasNonNull("auth") && !node.get("auth").asText().isBlank()) {
      return node.get("auth").asText().trim();
    }
    if (node.hasNonNull("username") && node.hasNonNull("password")) {
      String pair = node.get("username").asText() + ":" + node.get("password").asText();
      return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  /** {@code https://index.docker.io/v1/} and {@code index.docker.io} are the same key. */
  static String hostOf(String key) {
    String text = key.trim();
    if (text.contains("://")) {
      URI uri = URI.create(text);
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
    int slash = text.indexOf('/');
    return slash < 0 ? text : text.substring(0, slash);
  }

  @Override
  public String toString() {
    return file == null ? "no registry credentials" : "registry credentials from " + file;
  }
}
