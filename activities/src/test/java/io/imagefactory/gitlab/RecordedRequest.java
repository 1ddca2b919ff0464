package io.imagefactory.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as {@link FakeGitLab} received it. The path and query are raw (still
 * percent-encoded), so tests see exactly what went over the wire; header names ignore case.
 */
record RecordedRequest(
    String method, String rawPath, String rawQuery, Map<String, String> headers, String body) {

  String header(String name) {
    return headers.get(name);
  }

  /** The query decoded, in the order sent. */
  Map<String, String> query() {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return query;
  }

  JsonNode json() {
    try {
      return FakePipelines.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
