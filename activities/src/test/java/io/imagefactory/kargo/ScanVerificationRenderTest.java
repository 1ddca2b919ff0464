package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scan verification: off, nothing changes; on, one AnalysisTemplate and a {@code verification} on
 * every base and external Stage, valid against Argo Rollouts v1.9.1 and Kargo v1.11.2.
 */
class ScanVerificationRenderTest {

  static final String ANALYSIS_TEMPLATE_CRD =
      "reference/argo-rollouts-v1.9.1/analysis-template-crd.yaml";

  private final List<ImageState> images =
      List.of(
          States.managed("api", "ghcr.io", "acme/api"),
          States.external("postgres", "docker.io/library/postgres", "^16-alpine$", "Lexical"));
  private final List<BaseImageState> bases =
      List.of(States.base("node-22", "docker.io/library/node", "22", "api"));

  private List<JsonNode> render(KargoSettings settings) {
    return ManifestDocuments.parse(new KargoManifestRenderer(settings).renderFile(images, bases));
  }

  @Test
  void offByDefaultNoObjectMentionsAScan() {
    List<JsonNode> objects = render(KargoSettings.defaults());

    assertThat(objects).noneMatch(o -> "AnalysisTemplate".equals(o.path("kind").asText()));
    assertThat(objects).noneMatch(o -> o.path("spec").has("verification"));
  }

  @Test
  void onEveryBaseAndExternalStageVerifiesWithTheTrivyTemplateAndManagedOnesDoNot() {
    List<JsonNode> objects =
        render(KargoSettings.defaults().withScanVerification(ScanVerification.defaults()));

    List<JsonNode> templates =
        objects.stream().filter(o -> "AnalysisTemplate".equals(o.path("kind").asText())).toList();
    assertThat(templates).hasSize(1);
    assertThat(templates.get(0).path("metadata").path("name").asText()).isEqualTo(ScanTask.NAME);
    for (JsonNode stage : objects) {
      if (!"Stage".equals(stage.path("kind").asText())) {
        continue;
      }
      String kind = stage.path("metadata").path("labels").path(KargoObjects.LABEL_KIND).asText();
      JsonNode verification = stage.path("spec").path("verification");
      if ("managed".equals(kind)) {
        assertThat(verification.isMissingNode()).isTrue();
      } else {
        assertThat(verification.path("analysisTemplates").get(0).path("name").asText())
            .isEqualTo(ScanTask.NAME);
        String warehouse =
            stage.path("spec").path("requestedFreight").get(0).path("origin").path("name").asText();
        assertThat(verification.path("args").get(1).path("value").asText())
            .contains("warehouse('" + warehouse + "')")
            .endsWith(".Digest }}");
      }
    }
  }

  @Test
  void theTokenComesFromTheSecretAndNeverInline() {
    JsonNode template =
        render(KargoSettings.defaults().withScanVerification(ScanVerification.defaults())).stream()
            .filter(o -> "AnalysisTemplate".equals(o.path("kind").asText()))
            .findFirst()
            .orElseThrow();

    JsonNode post = template.at("/spec/metrics/0/provider/job/spec/template/spec/containers/0");
    JsonNode token = post.path("env").get(0);
    assertThat(token.path("name").asText()).isEqualTo("TOKEN");
    assertThat(token.at("/valueFrom/secretKeyRef/name").asText())
        .isEqualTo(KargoSettings.DEFAULT_TOKEN_SECRET);
    assertThat(token.has("value")).isFalse();
    assertThat(post.path("command").get(2).asText()).contains("?digest=$DIGEST");
  }

  @Test
  void everyObjectValidatesAgainstArgoRolloutsAndKargo() {
    KargoSchemas kargo = KargoSchemas.load();
    CrdSchemas rollouts = CrdSchemas.load(List.of(SharedReference.require(ANALYSIS_TEMPLATE_CRD)));

    List<JsonNode> objects =
        render(KargoSettings.defaults().withScanVerification(ScanVerification.defaults()));

    assertThat(objects).hasSize(4 + 2 * 3);
    for (JsonNode object : objects) {
      List<String> errors =
          "AnalysisTemplate".equals(object.path("kind").asText())
              ? rollouts.validate(object)
              : kargo.validate(object);
      assertThat(errors).as(ManifestDocuments.describe(object)).isEmpty();
    }
    // The schema is read for real: a mistyped Job field is caught.
    JsonNode template =
        objects.stream()
            .filter(o -> "AnalysisTemplate".equals(o.path("kind").asText()))
            .findFirst()
            .orElseThrow();
    ((ObjectNode) template.at("/spec/metrics/0/provider/job/spec")).put("backoffLimit", "once");
    assertThat(rollouts.validate(template)).isNotEmpty();
  }

  @Test
  void refusesASettingThatWouldReachTheShellOrCarryCredentials() {
    assertThatThrownBy(() -> new ScanVerification("http://user:pw@worker/api", null, null))
        .hasMessageContaining("scanUrl")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> new ScanVerification(null, "trivy; rm -rf /", null))
        .hasMessageContaining("trivyImage");
  }
}
