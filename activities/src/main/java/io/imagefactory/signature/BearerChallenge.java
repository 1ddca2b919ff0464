package io.imagefactory.signature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate: Bearer realm="...",service="...",scope="..."} challenge:
 * where to ask for a token, and for what.
 */
record BearerChallenge(String realm, String service, String scope) {

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** The challenge in a header value; empty when it is not a Bearer challenge with a realm. */
  static Optional<BearerChallenge> parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(header.substring(7));
    while (m.find()) {
      params.put(m.group(1).toLowerCase(), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null || realm.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new BearerChallenge(realm, params.get("service"), params.get("scope")));
  }
}
