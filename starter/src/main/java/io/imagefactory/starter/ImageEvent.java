package io.imagefactory.starter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * One image event, exactly as Kargo's {@code http} step posts it to the worker: {@code
 * {"repoURL","tag","digest","warehouse"?,"freight"?}}.
 */
record ImageEvent(String repoURL, String tag, String digest, String warehouse, String freight) {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern REPO_URL =
      Pattern.compile(
          "[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)+|[a-z0-9]+([._-]+[a-z0-9]+)*");

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
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    if (colon <= slash || colon == reference.length() - 1) {
      throw CommandFailure.invalidInput(
          "'"
              + reference
              + "' has no tag: write it as <repoURL>:<tag>, such as"
              + " ghcr.io/example/api:1.4.2 or localhost:5000/app:latest");
    }
    String repoURL = reference.substring(0, colon);
    String tag = reference.substring(colon + 1);
    if (repoURL.contains("://") || !REPO_URL.matcher(repoURL).matches()) {
      throw CommandFailure.invalidInput(
          "repoURL '"
              + repoURL
              + "' is not an image repository such as ghcr.io/example/api"
              + " (no scheme, lower-case path)");
    }
    if (!TAG.matcher(tag).matches()) {
      throw CommandFailure.invalidInput("tag '" + tag + "' is not a valid image tag");
    }
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw CommandFailure.invalidInput(
          "--digest '"
              + digest
              + "' is not a digest: sha256: followed by 64 lower-case hex digits");
    }
    return new ImageEvent(repoURL, tag, digest, blankToNull(warehouse), blankToNull(freight));
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
