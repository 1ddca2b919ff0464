package io.imagefactory.kargo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Who scans, when the cluster does: every base and external Warehouse's Stage verifies its new
 * Freight with an Argo Rollouts AnalysisTemplate whose Job runs Trivy on the Freight's image and
 * posts the report to the worker's {@code /api/v1/events/scan}. Off unless configured: it needs
 * Argo Rollouts' CRDs in the cluster and pulls every base image into a Job.
 *
 * @param scanUrl the worker's {@code POST /api/v1/events/scan}, as the Job reaches it
 * @param trivyImage the Trivy image the Job runs ({@code aquasec/trivy:0.58.1})
 * @param curlImage the image that posts the report ({@code curlimages/curl:8.11.1})
 */
public record ScanVerification(String scanUrl, String trivyImage, String curlImage) {

  public static final String DEFAULT_SCAN_URL =
      "http://image-factory.image-factory.svc:8080/api/v1/events/scan";
  public static final String DEFAULT_TRIVY_IMAGE = "aquasec/trivy:0.58.1";
  public static final String DEFAULT_CURL_IMAGE = "curlimages/curl:8.11.1";

  /** An image reference with a tag or digest and nothing a shell or YAML would read twice. */
  private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9./:_@-]{0,254}");

  public ScanVerification {
    scanUrl = scanUrl == null || scanUrl.isBlank() ? DEFAULT_SCAN_URL : scanUrl;
    trivyImage = trivyImage == null || trivyImage.isBlank() ? DEFAULT_TRIVY_IMAGE : trivyImage;
    curlImage = curlImage == null || curlImage.isBlank() ? DEFAULT_CURL_IMAGE : curlImage;
    require(
        isHttpUrl(scanUrl),
        "scanUrl",
        "(not shown)",
        "an absolute http(s) URL without user info or query");
    require(IMAGE.matcher(trivyImage).matches(), "trivyImage", trivyImage, "an image reference");
    require(IMAGE.matcher(curlImage).matches(), "curlImage", curlImage, "an image reference");
  }

  /** The defaults: the worker's in-cluster Service, pinned Trivy and curl images. */
  public static ScanVerification defaults() {
    return new ScanVerification(null, null, null);
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getUserInfo() == null
          && uri.getQuery() == null
          && !value.contains("'");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void require(boolean valid, String field, String value, String expected) {
    if (!valid) {
      throw new IllegalArgumentException(
          "Kargo settings: scan verification "
              + field
              + " must be "
              + expected
              + ", got '"
              + value
              + "'");
    }
  }
}
