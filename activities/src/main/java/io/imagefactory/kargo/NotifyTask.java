package io.imagefactory.kargo;

import static io.imagefactory.kargo.KargoObjects.ordered;

import java.util.List;
import java.util.Map;

/**
 * The one PromotionTask every Stage runs: an {@code http} step that POSTs the promoted Freight's
 * image to the worker's {@code /api/v1/events/image} webhook with a bearer token from a Secret.
 */
final class NotifyTask {

  static final String NAME = "notify-image-factory";
  static final String REPO_URL_VAR = "repoURL";

  /** The Freight's image, from the Warehouse that produced it (a Stage has exactly one). */
  private static final String IMAGE =
      "imageFrom(vars." + REPO_URL_VAR + ", warehouse(ctx.targetFreight.origin.name))";

  private static final String BODY =
      String.join(
          "\n",
          "${{ quote({",
          "  \"repoURL\": " + IMAGE + ".RepoURL,",
          "  \"tag\": " + IMAGE + ".Tag,",
          "  \"digest\": " + IMAGE + ".Digest,",
          "  \"warehouse\": ctx.targetFreight.origin.name,",
          "  \"freight\": ctx.targetFreight.name",
          "}) }}",
          "");

  static final String SUCCESS = "response.status >= 200 && response.status < 300";

  /**
   * A rejected request (bad token, unknown image, invalid body) will not get better by itself: fail
   * the promotion so it shows in Kargo. Timeouts, throttling and 5xx are retried.
   */
  static final String FAILURE =
      "response.status >= 400 && response.status < 500"
          + " && response.status != 408 && response.status != 429";

  static final String ERROR =
      "response.body?.detail ?? response.body?.message ?? response.body?.error";

  private final KargoSettings settings;

  NotifyTask(KargoSettings settings) {
    this.settings = settings;
  }

  Map<String, Object> promotionTask(KargoObjects objects) {
    Map<String, Object> step = ordered("uses", "http", "as", "notify", "config", httpConfig());
    Map<String, Object> spec =
        ordered(
            "vars", List.of(ordered("name", REPO_URL_VAR)),
            "steps", List.of(step));
    return ordered(
        "apiVersion",
        KargoObjects.API_VERSION,
        "kind",
        "PromotionTask",
        "metadata",
        objects.namespaced(
            NAME, ordered(KargoObjects.LABEL_MANAGED_BY, KargoObjects.MANAGED_BY), null),
        "spec",
        spec);
  }

  Map<String, Object> httpConfig() {
    List<Map<String, Object>> headers =
        List.of(
            ordered(
                "name",
                "Authorization",
                "value",
                "Bearer ${{ " + settings.tokenExpression() + " }}"),
            ordered("name", "Content-Type", "value", "application/json"));
    return ordered(
        "method", "POST",
        "url", settings.webhookUrl(),
        "headers", headers,
        "body", BODY,
        "timeout", settings.httpTimeout(),
        "successExpression", SUCCESS,
        "failureExpression", FAILURE,
        "errorExpression", ERROR);
  }
}
