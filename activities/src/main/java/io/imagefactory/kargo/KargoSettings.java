package io.imagefactory.kargo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * What the rendered Kargo manifests need to know about their surroundings.
 *
 * @param project the Kargo project, which is also the namespace of everything it holds; it must not
 *     be the worker's own namespace, since Kargo owns the project namespace
 * @param webhookUrl the worker's {@code POST /api/v1/events/image} endpoint, as Kargo reaches it
 * @param tokenSecretName the Secret in the project namespace holding the webhook bearer token
 * @param tokenSecretKey the key of the token inside that Secret
 * @param discoveryLimit how many image references a Warehouse discovers (1-100)
 * @param warehouseInterval how often each Warehouse polls its registry ({@code 10m})
 * @param httpTimeout the timeout of one webhook request ({@code 30s})
 */
public record KargoSettings(
    String project,
    String webhookUrl,
    String tokenSecretName,
    String tokenSecretKey,
    int discoveryLimit,
    String warehouseInterval,
    String httpTimeout) {

  public static final String DEFAULT_PROJECT = "image-factory-watch";
  public static final String DEFAULT_WEBHOOK_URL =
      "http://image-factory.image-factory.svc:8080/api/v1/events/image";
  public static final String DEFAULT_TOKEN_SECRET = "image-factory-webhook";
  public static final String DEFAULT_TOKEN_KEY = "token";
  public static final int DEFAULT_DISCOVERY_LIMIT = 5;
  public static final String DEFAULT_WAREHOUSE_INTERVAL = "10m";
  public static final String DEFAULT_HTTP_TIMEOUT = "30s";

  public KargoSettings {
    require(KubernetesNames.isDnsLabel(project), "project", project, "a DNS-1123 label");
    // The URL is not echoed: a mistyped one could carry credentials.
    require(
        isHttpUrl(webhookUrl),
        "webhookUrl",
        "(not shown)",
        "an absolute http(s) URL without user info");
    require(
        KubernetesNames.matches(KubernetesNames.DNS_SUBDOMAIN, tokenSecretName),
        "tokenSecretName",
        tokenSecretName,
        "a Secret name (DNS-1123 subdomain)");
    require(
        KubernetesNames.matches(KubernetesNames.SECRET_KEY, tokenSecretKey),
        "tokenSecretKey",
        tokenSecretKey,
        "a Secret key ([-._a-zA-Z0-9]+)");
    require(
        discoveryLimit >= 1 && discoveryLimit <= 100,
        "discoveryLimit",
        String.valueOf(discoveryLimit),
        "between 1 and 100");
    require(
        KubernetesNames.matches(KubernetesNames.KARGO_INTERVAL, warehouseInterval),
        "warehouseInterval",
        warehouseInterval,
        "a duration such as 10m or 1h30m");
    require(
        KubernetesNames.matches(KubernetesNames.GO_DURATION, httpTimeout),
        "httpTimeout",
        httpTimeout,
        "a duration such as 30s");
  }

  /** The settings every option defaults to. */
  public static KargoSettings defaults() {
    return new KargoSettings(
        DEFAULT_PROJECT,
        DEFAULT_WEBHOOK_URL,
        DEFAULT_TOKEN_SECRET,
        DEFAULT_TOKEN_KEY,
        DEFAULT_DISCOVERY_LIMIT,
        DEFAULT_WAREHOUSE_INTERVAL,
        DEFAULT_HTTP_TIMEOUT);
  }

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The Kargo expression reading the token: {@code secret('name').key}. */
  String tokenExpression() {
    String secret = "secret('" + tokenSecretName + "')";
    return IDENTIFIER.matcher(tokenSecretKey).matches()
        ? secret + "." + tokenSecretKey
        : secret + "['" + tokenSecretKey + "']";
  }

  private static boolean isHttpUrl(String value) {
    if (value == null) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void require(boolean valid, String field, String value, String expected) {
    if (!valid) {
      throw new IllegalArgumentException(
          "Kargo settings: " + field + " must be " + expected + ", got '" + value + "'");
    }
  }
}
