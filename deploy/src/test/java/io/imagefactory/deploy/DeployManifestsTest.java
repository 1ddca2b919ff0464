package io.imagefactory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.deploy.DeployManifests.Document;
import io.imagefactory.kargo.CrdSchemas;
import io.imagefactory.kargo.SharedReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeployManifestsTest {

  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
  private static final Pattern CONFIG_KEY =
      Pattern.compile("\\b((?:IMAGE_FACTORY|SPRING_TEMPORAL)_[A-Z0-9_]+)\\b");
  private static final Pattern TABLE_KEY = Pattern.compile("(?m)^\\|\\s*`([A-Z0-9_]+)`\\s*\\|");

  private static DeployManifests manifests;

  @BeforeAll
  static void load() {
    manifests = DeployManifests.load();
  }

  @Test
  void everyDocumentIsAKubernetesObjectWithAName() {
    List<Document> objects = objects();

    assertThat(objects).hasSizeGreaterThanOrEqualTo(9);
    assertThat(objects)
        .allSatisfy(
            d -> {
              assertThat(d.node().path("apiVersion").asText())
                  .as("%s apiVersion", d.file())
                  .isNotBlank();
              assertThat(d.kind()).as("%s kind", d.file()).isNotBlank();
              assertThat(d.name()).as("%s metadata.name", d.file()).isNotBlank();
            });
  }

  @Test
  void kustomizationsListOnlyFilesThatExistAndEveryManifestIsListed() {
    Set<Path> listed = new TreeSet<>();
    for (Document kustomization : kustomizations()) {
      Path dir = kustomization.file().getParent();
      for (String field : List.of("resources", "components")) {
        for (JsonNode entry : kustomization.node().path(field)) {
          Path path = dir.resolve(entry.asText()).normalize();
          assertThat(path).as("%s lists %s", kustomization.file(), entry.asText()).exists();
          listed.add(path);
        }
      }
      for (JsonNode patch : kustomization.node().path("patches")) {
        if (patch.has("path")) {
          assertThat(dir.resolve(patch.path("path").asText())).exists();
        }
      }
    }
    Path base = manifests.deployDir.resolve("kustomize/base");
    assertThat(DeployManifests.yamlFiles(base))
        .filteredOn(f -> !f.getFileName().toString().equals("kustomization.yaml"))
        .allSatisfy(
            f -> assertThat(listed).as("base kustomization lists %s", f).contains(f.normalize()));
  }

  @Test
  void theOnlyPermissionIsReadingArgoCdApplicationsInTheArgoCdNamespace() {
    Document role = manifests.only("Role");
    Document binding = manifests.only("RoleBinding");
    JsonNode config = configMap();

    assertThat(manifests.ofKind("ClusterRole")).isEmpty();
    assertThat(manifests.ofKind("ClusterRoleBinding")).isEmpty();
    assertThat(role.node().at("/metadata/namespace").asText())
        .isEqualTo(config.path("IMAGE_FACTORY_ARGOCD_NAMESPACE").asText())
        .isEqualTo(binding.node().at("/metadata/namespace").asText());
    assertThat(role.node().path("rules"))
        .isNotEmpty()
        .allSatisfy(
            rule -> {
              assertThat(texts(rule.path("apiGroups"))).containsExactly("argoproj.io");
              assertThat(texts(rule.path("resources"))).containsExactly("applications");
              assertThat(texts(rule.path("verbs"))).isNotEmpty().isSubsetOf(READ_VERBS);
              assertThat(texts(rule.path("resourceNames")))
                  .containsExactly(config.path("IMAGE_FACTORY_ARGOCD_APPLICATION").asText());
            });
    assertThat(binding.node().at("/roleRef/name").asText()).isEqualTo(role.name());
    JsonNode subject = binding.node().at("/subjects/0");
    Document serviceAccount = manifests.only("ServiceAccount");
    assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
    assertThat(subject.path("name").asText()).isEqualTo(serviceAccount.name());
    assertThat(subject.path("namespace").asText())
        .isEqualTo(serviceAccount.node().at("/metadata/namespace").asText());
  }

  @Test
  void theWorkerRunsNonRootOnAReadOnlyRootFilesystemWithBothProbes() {
    JsonNode pod = manifests.only("Deployment").node().at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    assertThat(pod.path("containers")).hasSize(1);
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(texts(container.at("/securityContext/capabilities/drop"))).contains("ALL");
    assertThat(container.at("/livenessProbe/httpGet/path").asText())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.at("/readinessProbe/httpGet/path").asText())
        .isEqualTo("/actuator/health/readiness");
    for (String probe : List.of("livenessProbe", "readinessProbe")) {
      assertThat(port(container, container.path(probe).at("/httpGet/port")))
          .as(probe)
          .isEqualTo(8080);
    }
    for (String resource : List.of("requests", "limits")) {
      assertThat(container.at("/resources/" + resource + "/cpu").asText())
          .as(resource)
          .isNotBlank();
      assertThat(container.at("/resources/" + resource + "/memory").asText())
          .as(resource)
          .isNotBlank();
    }
  }

  /** The Deployment runs the image {@code mvn ... jib:build} pushes for this version. */
  @Test
  void theDeploymentRunsTheWorkerImageOfTheProjectVersion() throws Exception {
    java.nio.file.Path root = manifests.deployDir.getParent();
    String parent = java.nio.file.Files.readString(root.resolve("pom.xml"));
    String worker = java.nio.file.Files.readString(root.resolve("worker/pom.xml"));
    String version = between(parent, "</artifactId>\n  <version>", "</version>");
    String repository = between(worker, "<image.repository>", "</image.repository>");

    String image =
        manifests.only("Deployment").node().at("/spec/template/spec/containers/0/image").asText();

    assertThat(image).isEqualTo(repository + ":" + version);
  }

  private static String between(String text, String before, String after) {
    int start = text.indexOf(before);
    assertThat(start).as("%s in the pom", before).isNotNegative();
    start += before.length();
    return text.substring(start, text.indexOf(after, start));
  }

  /**
   * The kubelet kills the JVM at the grace period's end: running activities must be done by then.
   */
  @Test
  void runningActivitiesGetTheirShutdownGraceWellInsideThePodsTerminationGracePeriod() {
    JsonNode pod = manifests.only("Deployment").node().at("/spec/template/spec");
    JsonNode config = manifests.only("ConfigMap").node().at("/data");

    long podGrace = pod.path("terminationGracePeriodSeconds").asLong();
    long activityGrace =
        java.time.Duration.parse(
                "PT" + config.path("IMAGE_FACTORY_TEMPORAL_SHUTDOWN_GRACE").asText().toUpperCase())
            .toSeconds();

    assertThat(activityGrace).isPositive();
    assertThat(podGrace)
        .as("room for the web server to close after the workers")
        .isGreaterThanOrEqualTo(activityGrace + 10);
  }

  @Test
  void everyWritablePathIsAnEmptyDirAndSecretsAreReadOnlyFiles() {
    JsonNode pod = manifests.only("Deployment").node().at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    Map<String, JsonNode> volumes = new java.util.HashMap<>();
    pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));

    Map<String, String> mounts = new java.util.HashMap<>();
    container
        .path("volumeMounts")
        .forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
    String cacheDir = configMap().path("IMAGE_FACTORY_STATE_REPO_CACHE_DIR").asText();
    for (String writable : List.of("/tmp", cacheDir)) {
      assertThat(mounts).containsKey(writable);
      assertThat(volumes.get(mounts.get(writable)).has("emptyDir")).as(writable).isTrue();
    }
    container
        .path("volumeMounts")
        .forEach(
            mount -> {
              if (volumes.get(mount.path("name").asText()).has("secret")) {
                assertThat(mount.path("readOnly").asBoolean()).as(mount.toString()).isTrue();
              }
            });
    configMap()
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().endsWith("_FILE")) {
                assertThat(mounts.keySet())
                    .as("%s=%s is on a mounted volume", e.getKey(), e.getValue().asText())
                    .anyMatch(m -> e.getValue().asText().startsWith(m + "/"));
              }
            });
  }

  @Test
  void noSecretValueAppearsAnywhere() {
    assertThat(manifests.ofKind("Secret"))
        .allSatisfy(
            s -> {
              assertThat(s.node().path("data").isEmpty()).as("%s data", s.file()).isTrue();
              assertThat(s.node().path("stringData").isEmpty())
                  .as("%s stringData", s.file())
                  .isTrue();
            });
    for (Document kustomization : kustomizations()) {
      assertThat(kustomization.node().has("secretGenerator"))
          .as("%s", kustomization.file())
          .isFalse();
    }
    JsonNode container = manifests.only("Deployment").node().at("/spec/template/spec/containers/0");
    container
        .path("env")
        .forEach(
            env -> {
              if (env.path("name").asText().matches(".*(TOKEN|KEY|PASSWORD|SECRET).*")) {
                assertThat(env.has("value"))
                    .as("%s has a literal value", env.path("name").asText())
                    .isFalse();
                assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
              }
            });
    configMap()
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().matches(".*(TOKEN|KEY|PASSWORD|SECRET).*")
                  && !e.getKey().endsWith("_FILE")) {
                assertThat(e.getKey()).as("a secret name, not a value").endsWith("_TOKEN_SECRET");
              }
            });
  }

  @Test
  void theArgoCdApplicationMatchesItsCrd() {
    Path crd = SharedReference.require(SharedReference.ARGO_CD_APPLICATION_CRD);
    CrdSchemas schemas = CrdSchemas.load(List.of(crd));

    assertThat(schemas.validate(manifests.only("Application").node())).isEmpty();
  }

  @Test
  void theApplicationDeploysIntoTheKargoProjectTheWorkerRendersFor() {
    JsonNode application = manifests.only("Application").node();
    JsonNode config = configMap();
    String project = config.path("IMAGE_FACTORY_KARGO_PROJECT").asText();

    assertThat(application.at("/metadata/name").asText())
        .isEqualTo(config.path("IMAGE_FACTORY_ARGOCD_APPLICATION").asText());
    assertThat(application.at("/metadata/namespace").asText())
        .isEqualTo(config.path("IMAGE_FACTORY_ARGOCD_NAMESPACE").asText());
    assertThat(application.at("/spec/destination/namespace").asText()).isEqualTo(project);
    assertThat(application.at("/spec/source/path").asText()).isEqualTo("dist");
    assertThat(application.at("/spec/source/repoURL").asText())
        .isEqualTo(config.path("IMAGE_FACTORY_STATE_REPO_URL").asText());
    Document namespace =
        manifests.ofKind("Namespace").stream()
            .filter(n -> n.name().equals(project))
            .findFirst()
            .orElseThrow();
    assertThat(namespace.node().at("/metadata/labels/kargo.akuity.io~1project").asText())
        .isEqualTo("true");
    Document service = manifests.only("Service");
    assertThat(config.path("IMAGE_FACTORY_KARGO_WEBHOOK_URL").asText())
        .isEqualTo(
            "http://"
                + service.name()
                + "."
                + service.node().at("/metadata/namespace").asText()
                + ".svc:"
                + service.node().at("/spec/ports/0/port").asInt()
                + "/api/v1/events/image");
  }

  @Test
  void everyConfigurationKeyUsedIsInTheReadmeTable() throws IOException {
    Set<String> documented = new TreeSet<>();
    Matcher table = TABLE_KEY.matcher(Files.readString(manifests.deployDir.resolve("README.md")));
    while (table.find()) {
      documented.add(table.group(1));
    }
    Set<String> used = new TreeSet<>();
    for (Path file : DeployManifests.yamlFiles(manifests.deployDir.resolve("kustomize"))) {
      Matcher key = CONFIG_KEY.matcher(Files.readString(file));
      while (key.find()) {
        used.add(key.group(1));
      }
    }

    assertThat(used).contains("IMAGE_FACTORY_STATE_REPO_URL", "SPRING_TEMPORAL_CONNECTION_API_KEY");
    assertThat(documented).containsAll(used);
  }

  private static List<Document> objects() {
    return manifests.documents.stream().filter(d -> !d.isKustomization()).toList();
  }

  private static List<Document> kustomizations() {
    return manifests.documents.stream().filter(Document::isKustomization).toList();
  }

  private static JsonNode configMap() {
    return manifests.only("ConfigMap").node().path("data");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    StreamSupport.stream(array.spliterator(), false).forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static int port(JsonNode container, JsonNode port) {
    if (port.isInt()) {
      return port.asInt();
    }
    for (JsonNode declared : container.path("ports")) {
      if (declared.path("name").asText().equals(port.asText())) {
        return declared.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no container port named " + port.asText());
  }
}
