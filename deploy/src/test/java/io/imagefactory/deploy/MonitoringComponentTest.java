package io.imagefactory.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefactory.deploy.DeployManifests.Document;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional monitoring component: its alert rules cover what the worker's README promises, its
 * dashboard is a Grafana dashboard in a ConfigMap the sidecar picks up, both read only the worker's
 * own metrics ({@code MetricsEndToEndTest} in the worker checks each name against a real scrape),
 * and with the base it renders with kustomize.
 */
class MonitoringComponentTest {

  private static final Set<String> REQUIRED_ALERTS =
      Set.of(
          "ImageFactoryEnrollmentFailing",
          "ImageFactoryRebuildFailures",
          "ImageFactoryImagesStale",
          "ImageFactoryWebhookRejecting",
          "ImageFactoryStateRepoNotPushing");
  // A metric-like name (suffix of a counter, timer or histogram) that is not ours.
  private static final Pattern FOREIGN_METRIC =
      Pattern.compile("\\b(?!image_factory_)[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b");
  private static final Set<String> PROMQL_WORDS =
      Set.of("histogram_quantile", "group_left", "group_right");

  private static DeployManifests manifests;
  private static Path component;

  @BeforeAll
  static void load() {
    manifests = DeployManifests.load();
    component = manifests.deployDir.resolve("kustomize/components/monitoring");
  }

  @Test
  void theRulesRaiseTheFiveAlertsEachWithASeverityAndASummary() {
    Document rule = manifests.only("PrometheusRule");
    List<JsonNode> rules = rules(rule.node());

    assertThat(rules).extracting(r -> r.path("alert").asText()).containsAll(REQUIRED_ALERTS);
    assertThat(rules)
        .allSatisfy(
            r -> {
              String alert = r.path("alert").asText();
              assertThat(r.path("expr").asText()).as("%s expr", alert).contains("image_factory_");
              assertThat(r.path("labels").path("severity").asText()).as(alert).isNotBlank();
              assertThat(r.path("annotations").path("summary").asText()).as(alert).isNotBlank();
            });
    assertThat(rules.stream().map(r -> foreignMetrics(r.path("expr").asText())))
        .allSatisfy(names -> assertThat(names).isEmpty());
  }

  @Test
  void theDashboardIsAConfigMapForGrafanasSidecarAndReadsOnlyOurMetrics() throws Exception {
    JsonNode kustomization =
        manifests.documents.stream()
            .filter(d -> d.file().equals(component.resolve("kustomization.yaml")))
            .findFirst()
            .orElseThrow()
            .node();
    JsonNode generator = kustomization.path("configMapGenerator").get(0);
    assertThat(generator.path("options").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
    String file = generator.path("files").get(0).asText().replaceAll("^[^=]*=", "");
    JsonNode dashboard = new ObjectMapper().readTree(component.resolve(file).toFile());

    List<String> exprs = new ArrayList<>();
    Set<Integer> ids = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel id %s", panel.path("id")).isTrue();
      panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
    }
    assertThat(dashboard.path("uid").asText()).isEqualTo("image-factory");
    assertThat(exprs)
        .hasSizeGreaterThanOrEqualTo(10)
        .allSatisfy(e -> assertThat(e).contains("image_factory_"));
    assertThat(exprs.stream().map(MonitoringComponentTest::foreignMetrics))
        .allSatisfy(names -> assertThat(names).isEmpty());
  }

  @Test
  void theBaseWithTheComponentRendersWithKustomize(@TempDir Path overlay) throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not installed");
    Path kustomize = manifests.deployDir.resolve("kustomize");
    String base = overlay.relativize(kustomize.resolve("base")).toString();
    String monitoring = overlay.relativize(component).toString();
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- "
            + base
            + "\ncomponents:\n- "
            + monitoring
            + "\n");

    Process process =
        new ProcessBuilder("kubectl", "kustomize", overlay.toString())
            .redirectErrorStream(true)
            .start();
    String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(rendered).isZero();
    assertThat(rendered)
        .contains("kind: PrometheusRule", "kind: ServiceMonitor", "name: image-factory-dashboard")
        .contains("grafana_dashboard: \"1\"", "image-factory.json: |");
  }

  private static List<JsonNode> rules(JsonNode prometheusRule) {
    List<JsonNode> rules = new ArrayList<>();
    prometheusRule.path("spec").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }

  /** Metric-like names in {@code expr} that are not the worker's, outside label matchers. */
  private static Set<String> foreignMetrics(String expr) {
    String bare = expr.replaceAll("\\{[^}]*\\}", "");
    Set<String> found = new TreeSet<>();
    Matcher m = FOREIGN_METRIC.matcher(bare);
    while (m.find()) {
      if (!PROMQL_WORDS.contains(m.group())) {
        found.add(m.group());
      }
    }
    return found;
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
