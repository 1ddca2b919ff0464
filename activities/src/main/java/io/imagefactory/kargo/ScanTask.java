package io.imagefactory.kargo;

import static io.imagefactory.kargo.KargoObjects.ordered;

import java.util.List;
import java.util.Map;

/**
 * The Argo Rollouts AnalysisTemplate that scans a Freight's image with Trivy and posts the report
 * to the worker, and the {@code verification} a Stage refers to it with. The Job's token comes from
 * the webhook Secret through the environment, never inline; the report goes with {@code ?digest=},
 * the Freight's digest, since Trivy may name the platform manifest it scanned instead.
 */
final class ScanTask {

  static final String NAME = "image-factory-trivy-scan";
  static final String ROLLOUTS_API_VERSION = "argoproj.io/v1alpha1";
  static final String IMAGE_ARG = "image";
  static final String DIGEST_ARG = "digest";

  /**
   * Posts the report; a 404 (the state index has not seen the digest yet), 408, 429 or 5xx is tried
   * again for five minutes, anything else fails the verification with the worker's answer.
   */
  static final String POST_SCRIPT =
      String.join(
          "\n",
          "set -eu",
          "for attempt in 1 2 3 4 5 6 7 8 9 10; do",
          "  status=$(curl -sS -o /tmp/answer -w '%{http_code}' -X POST \\",
          "    -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\",
          "    --data-binary @/report/trivy.json \"$SCAN_URL?digest=$DIGEST\" || echo 000)",
          "  case \"$status\" in",
          "    2??) cat /tmp/answer; exit 0 ;;",
          "    000|404|408|429|5??) sleep 30 ;;",
          "    *) cat /tmp/answer; exit 1 ;;",
          "  esac",
          "done",
          "cat /tmp/answer 2>/dev/null; exit 1",
          "");

  private final KargoSettings settings;
  private final ScanVerification scan;

  ScanTask(KargoSettings settings) {
    this.settings = settings;
    this.scan = settings.scanVerification();
  }

  Map<String, Object> analysisTemplate(KargoObjects objects) {
    Map<String, Object> report = ordered("name", "report", "mountPath", "/report");
    Map<String, Object> trivy =
        ordered(
            "name", "trivy",
            "image", scan.trivyImage(),
            "args",
                List.of(
                    "image",
                    "--quiet",
                    "--scanners",
                    "vuln",
                    "--format",
                    "json",
                    "--output",
                    "/report/trivy.json",
                    "{{args." + IMAGE_ARG + "}}"),
            "volumeMounts", List.of(report));
    Map<String, Object> token =
        ordered(
            "name",
            "TOKEN",
            "valueFrom",
            ordered(
                "secretKeyRef",
                ordered("name", settings.tokenSecretName(), "key", settings.tokenSecretKey())));
    Map<String, Object> post =
        ordered(
            "name", "post",
            "image", scan.curlImage(),
            "command", List.of("sh", "-c", POST_SCRIPT),
            "env",
                List.of(
                    token,
                    ordered("name", "SCAN_URL", "value", scan.scanUrl()),
                    ordered("name", "DIGEST", "value", "{{args." + DIGEST_ARG + "}}")),
            "volumeMounts", List.of(report));
    Map<String, Object> pod =
        ordered(
            "restartPolicy", "Never",
            "volumes", List.of(ordered("name", "report", "emptyDir", ordered())),
            "initContainers", List.of(trivy),
            "containers", List.of(post));
    Map<String, Object> job =
        ordered(
            "backoffLimit", 1,
            "activeDeadlineSeconds", 1800,
            "template", ordered("spec", pod));
    Map<String, Object> metric =
        ordered("name", "trivy-scan", "provider", ordered("job", ordered("spec", job)));
    Map<String, Object> spec =
        ordered(
            "args", List.of(ordered("name", IMAGE_ARG), ordered("name", DIGEST_ARG)),
            "metrics", List.of(metric));
    return ordered(
        "apiVersion",
        ROLLOUTS_API_VERSION,
        "kind",
        "AnalysisTemplate",
        "metadata",
        objects.namespaced(
            NAME, ordered(KargoObjects.LABEL_MANAGED_BY, KargoObjects.MANAGED_BY), null),
        "spec",
        spec);
  }

  /** The Stage's {@code verification}: the template, with the Freight's image and digest. */
  static Map<String, Object> verification(WatchTarget target) {
    String image =
        "imageFrom('" + target.repoURL() + "', warehouse('" + target.objectName() + "'))";
    return ordered(
        "analysisTemplates", List.of(ordered("name", NAME)),
        "args",
            List.of(
                ordered(
                    "name",
                    IMAGE_ARG,
                    "value",
                    "${{ " + image + ".RepoURL }}@${{ " + image + ".Digest }}"),
                ordered("name", DIGEST_ARG, "value", "${{ " + image + ".Digest }}")));
  }
}
