package io.imagefactory.gitlab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer {@link FakeGitLab} gives instead of its own: a status, headers, and a body from a
 * fixture in {@code gitlab/}. A header set to {@link #ABSENT} removes one the fake always sends.
 */
record CannedReply(int status, Map<String, String> headers, String body) {

  static final String ABSENT = "\u0000absent";

  static CannedReply fixture(int status, String fixture) {
    String type =
        fixture.endsWith(".json")
            ? "application/json"
            : fixture.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
    return new CannedReply(status, Map.of("Content-Type", type), FakePipelines.text(fixture));
  }

  CannedReply header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new CannedReply(status, more, body);
  }

  /** Without the RateLimit headers the fake sends with every answer. */
  CannedReply withoutRateLimitHeaders() {
    CannedReply reply = this;
    for (String name :
        new String[] {
          "RateLimit-Limit", "RateLimit-Observed", "RateLimit-Remaining", "RateLimit-Reset"
        }) {
      reply = reply.header(name, ABSENT);
    }
    return reply;
  }
}
