package io.imagefactory.kargo;

import io.imagefactory.reference.KubernetesNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the rendered Kargo manifests need to know about their surroundings.
 *
 * @param project the Kargo project, which is also the namespace of everything it holds; it must not
 *     be the worker's own namespace, since Kargo owns the project namespace
 * @param webhookUrl the worker's {@code POST /api/v1/events/image} endpoint, as Kargo reaches it
 * @param tokenSecretName the Secret in the project namespace holding the webhook bearer token
 * @param tokenSecretKey the key of the token inside that Secret
 * @param discoveryLimit how many image references a Warehouse discovers (1-100); Image Factory acts
 *     on the newest only
 * @param warehouseInterval how often a Warehouse polls whose poll costs one or two requests
 *     (Digest, SemVer, Lexical): the Warehouses of bases and most external images ({@code 10m})
 * @param httpTimeout the timeout of one webhook request ({@code 30s})
 * @param newestBuildInterval how often a NewestBuild Warehouse polls, managed images' among them
 *     ({@code 1h}): without cached metadata a poll reads every tag, and what it learns (a new
 *     build) starts soak times of days
 * @param managedCacheByTag whether Kargo keeps the metadata of a managed image's tags, so a poll
 *     reads only new tags; right when every build pushes a tag of its own (a mutable tag moved by a
 *     build would not be read again)
 * @param webhookReceivers Kargo webhook receivers by kind ({@code github}, {@code dockerhub}, ...)
 *     to the Secret holding their shared secret: registry push events refresh the Warehouses at
 *     once, so polling is only the safety net
 * @param scanVerification how base and external Stages scan their Freight with Trivy; null (the
 *     default) for no scan verification
 */
public record KargoSettings(
    String project,
    String webhookUrl,
    String tokenSecretName,
    String tokenSecretKey,
    int discoveryLimit,
    String warehouseInterval,
    String httpTimeout,
    String newestBuildInterval,
    boolean managedCacheByTag,
    Map<String, String> webhookReceivers,
    ScanVerification scanVerification) {

  public static final String DEFAULT_PROJECT = "image-factory-watch";
  public static final String DEFAULT_WEBHOOK_URL =
      "http://image-factory.image-factory.svc:8080/api/v1/events/image";
  public static final String DEFAULT_TOKEN_SECRET = "image-factory-webhook";
  public static final String DEFAULT_TOKEN_KEY = "token";
  public static final int DEFAULT_DISCOVERY_LIMIT = 1;
  public static final String DEFAULT_WAREHOUSE_INTERVAL = "10m";
  public static final String DEFAULT_HTTP_TIMEOUT = "30s";
  public static final String DEFAULT_NEWEST_BUILD_INTERVAL = "1h";

  /**
   * Kargo's receivers of registry push events (v1.11), each configured by a Secret alone; the
   * git-only ones (GitLab, Gitea, Bitbucket) refresh no image Warehouse.
   */
  public static final Set<String> RECEIVER_KINDS =
      Set.of("artifactory", "azure", "dockerhub", "github", "harbor", "quay");

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
    require(
        KubernetesNames.matches(KubernetesNames.KARGO_INTERVAL, newestBuildInterval),
        "newestBuildInterval",
        newestBuildInterval,
        "a duration such as 1h or 30m");
    webhookReceivers =
        webhookReceivers == null
            ? Map.of()
            : Collections.unmodifiableSortedMap(new TreeMap<>(webhookReceivers));
    webhookReceivers.forEach(
        (kind, secret) -> {
          require(
              RECEIVER_KINDS.contains(kind),
              "webhookReceivers",
              kind,
              "receivers of kind " + String.join(", ", new TreeSet<>(RECEIVER_KINDS)));
          require(
              KubernetesNames.matches(KubernetesNames.DNS_SUBDOMAIN, secret),
              "webhookReceivers",
              kind + "=" + secret,
              "a Secret name (DNS-1123 subdomain) for each receiver");
        });
  }

  /** These settings with the given webhook receivers (kind to Secret name). */
  public KargoSettings withWebhookReceivers(Map<String, String> receivers) {
    return copy(receivers, scanVerification);
  }

  /** These settings with scan verification (null: none). */
  public KargoSettings withScanVerification(ScanVerification scan) {
    return copy(webhookReceivers, scan);
  }

  private KargoSettings copy(Map<String, String> receivers, ScanVerification scan) {
    return new KargoSettings(
        project,
        webhookUrl,
        tokenSecretName,
        tokenSecretKey,
        discoveryLimit,
        warehouseInterval,
        httpTimeout,
        newestBuildInterval,
        managedCacheByTag,
        receivers,
        scan);
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
        DEFAULT_HTTP_TIMEOUT,
        DEFAULT_NEWEST_BUILD_INTERVAL,
        true,
        Map.of(),
        null);
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
