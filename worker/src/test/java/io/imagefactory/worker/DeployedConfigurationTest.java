package io.imagefactory.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.github.FakeGitHub;
import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.github.Fixtures;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.embedded.EmbeddedTemporalServer;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Boots the worker with exactly the environment the shipped ConfigMap and Deployment give it, so a
 * shipped configuration that cannot start fails the build. Only what cannot exist here is swapped
 * for a local stand-in, each named below: Secret mounts become files under a temporary directory,
 * the Temporal frontend a port-bound test server (without mutual TLS, as the {@code
 * temporal-without-mtls} component ships it), the GitHub API a local fake, the state repository a
 * local one, and the cluster is not reached (mode {@code none}).
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeployedConfigurationTest {

  private static final Path DEPLOY =
      Path.of(System.getProperty("image-factory.project-dir"), "deploy", "kustomize");
  private static final Path EXAMPLES =
      Path.of(System.getProperty("image-factory.project-dir"), "examples");
  private static final String GITHUB_TOKEN = "ghp_" + "deployed".repeat(5);

  @TempDir Path root;

  @Test
  void theShippedConfigurationStartsAndDispatchesToGitHubWithTheMountedToken() throws Exception {
    Map<String, Object> env = shippedEnvironment();
    try (FakeGitHub github = FakeGitHub.start();
        EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start(0);
        Repository state = seededStateRepository()) {
      env.put("IMAGE_FACTORY_STATE_REPO_URL", state.getDirectory().toString());
      env.put("IMAGE_FACTORY_GITHUB_BASE_URL", github.baseUrl().toString());
      env.put("IMAGE_FACTORY_GITHUB_STATE_REPOSITORY", "example-org/image-factory-state");
      env.put("SPRING_TEMPORAL_CONNECTION_TARGET", temporal.target());
      env.put("IMAGE_FACTORY_KUBERNETES_MODE", "none");
      String dispatches =
          "/repos/example-org/image-factory-state/actions/workflows/"
              + "build-nginx-site.yml/dispatches";
      github.on(
          "GET",
          "/repos/example-org/image-factory-state/contents/.github/workflows/build-nginx-site.yml",
          Fixtures.contents(
              Files.readString(EXAMPLES.resolve(".github/workflows/build-nginx-site.yml"))));
      github.on(
          "POST", dispatches, Answer.fixture(200, "github/dispatch-run-details.json", "id", "9"));

      TestActivityEnvironment activity = TestActivityEnvironment.newInstance();
      try (ConfigurableApplicationContext worker = boot(env)) {
        // The worker's own activity bean, run with an activity context as a worker runs it.
        activity.registerActivitiesImplementations(worker.getBean(RebuildActivities.class));
        RebuildDispatch dispatch =
            activity
                .newActivityStub(
                    RebuildActivities.class,
                    ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(java.time.Duration.ofMinutes(1))
                        .build())
                .dispatchRebuild(
                    new RebuildRequest(
                        "nginx-site",
                        "nginx-site#1",
                        new RebuildTarget(
                            "github",
                            null,
                            "build-nginx-site.yml",
                            "main",
                            Map.of("base_image", "${base.nginx-1.27-alpine.ref}")),
                        "timer",
                        Map.of("nginx-1.27-alpine", "sha256:" + "2".repeat(64)),
                        Map.of("nginx-1.27-alpine", "docker.io/library/nginx:1.27-alpine"),
                        Instant.now()));

        assertThat(dispatch.outcome()).isEqualTo(RebuildDispatch.DISPATCHED);
        assertThat(github.requests("POST", dispatches))
            .singleElement()
            .satisfies(
                r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + GITHUB_TOKEN));
      } finally {
        activity.close();
      }
    }
  }

  /**
   * The ConfigMap's data and the Deployment's plain values, with the mTLS keys the component drops
   * removed and every mounted path moved under the temporary root, where the Secrets are files.
   */
  private Map<String, Object> shippedEnvironment() throws IOException {
    Map<String, Object> env = new LinkedHashMap<>();
    Map<String, Object> configMap = documents("base/configmap.yaml").get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) configMap.get("data");
    data.forEach((key, value) -> env.put(key, String.valueOf(value)));
    env.remove("SPRING_TEMPORAL_CONNECTION_MTLS_KEY_FILE");
    env.remove("SPRING_TEMPORAL_CONNECTION_MTLS_CERT_CHAIN_FILE");
    for (Map<String, Object> container : containers()) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> vars = (List<Map<String, Object>>) container.get("env");
      vars.stream()
          .filter(v -> v.containsKey("value"))
          .forEach(v -> env.put((String) v.get("name"), String.valueOf(v.get("value"))));
    }
    env.replaceAll((key, value) -> relocated((String) value));
    secret("/etc/image-factory/webhook/token", "webhook-" + "w".repeat(24));
    secret("/etc/image-factory/git/token", "git-token");
    secret("/etc/image-factory/github/token", GITHUB_TOKEN);
    return env;
  }

  private String relocated(String value) {
    return value.startsWith("/etc/image-factory/") || value.startsWith("/var/cache/image-factory")
        ? root.resolve(value.substring(1)).toString()
        : value.replace("-Djava.io.tmpdir=/tmp", "");
  }

  private void secret(String mountedAt, String value) throws IOException {
    Path file = root.resolve(mountedAt.substring(1));
    Files.createDirectories(file.getParent());
    Files.writeString(file, value + "\n");
  }

  private ConfigurableApplicationContext boot(Map<String, Object> env) {
    // The variables stand where the process environment stands, so every initializer sees them;
    // Boot maps IMAGE_FACTORY_* names only for a source whose name ends in "-systemEnvironment".
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addAfter(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                "deployed-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    SpringApplication application = WorkerApplication.application();
    application.setEnvironment(environment);
    return application.run("--server.port=0");
  }

  private Repository seededStateRepository() throws IOException {
    Repository repo = GitFixtures.bare(root.resolve("state.git"));
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(EXAMPLES)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(EXAMPLES.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    GitFixtures.commit(repo, "main", "seed", files);
    return repo;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> containers() throws IOException {
    Map<String, Object> deployment = documents("base/deployment.yaml").get(0);
    Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("template");
    Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
    return (List<Map<String, Object>>) podSpec.get("containers");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(String file) throws IOException {
    try (InputStream in = Files.newInputStream(DEPLOY.resolve(file))) {
      List<Map<String, Object>> all = new java.util.ArrayList<>();
      new Yaml(new SafeConstructor(new LoaderOptions()))
          .loadAll(in)
          .forEach(d -> all.add((Map<String, Object>) d));
      return all;
    }
  }
}
