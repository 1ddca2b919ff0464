package io.imagefactory.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.ImageOutcome;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.FinishedEnrollment;
import io.imagefactory.worker.WorkerApplication;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One enrollment of the examples plus four images in another source repository: one whose
 * repository cannot be reached, one whose branch is gone, one whose Dockerfile is missing, and a
 * healthy one. Each broken image is {@code discoveryStatus: failed} with its reason, in its state
 * file and in the enrollment result; every other image is analysed and enrolled as usual.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SourceFaultsTest {

  private static final String WEBHOOK_TOKEN = "source-faults-webhook-token";

  @TempDir Path dir;

  @Test
  void eachBrokenSourceFailsItsOwnImageOnly() throws Exception {
    Path examples = FaultFixtures.examples(dir.resolve("examples"));
    Path appRepo = dir.resolve("sources/app.git");
    try (Repository app = GitFixtures.bare(appRepo)) {
      GitFixtures.commit(
          app,
          "main",
          "app",
          Map.of(
              "Dockerfile",
              "FROM docker.io/library/alpine:3.20\n",
              ".github/workflows/build.yml",
              "name: Build\non:\n  workflow_dispatch: {}\njobs:\n  build:\n    runs-on: "
                  + "ubuntu-latest\n"
                  + "    steps:\n      - run: echo build\n"));
    }
    String app = appRepo.toUri().toString();
    String unreachable = "https://127.0.0.1:" + closedPort() + "/example-org/app.git";
    Files.writeString(
        examples.resolve("images.yaml"),
        managed("src-unreachable", unreachable, "main", "Dockerfile")
            + managed("src-branch-gone", app, "release-1", "Dockerfile")
            + managed("src-dockerfile-missing", app, "main", "docker/Dockerfile")
            + managed("src-healthy", app, "main", "Dockerfile"),
        StandardOpenOption.APPEND);

    ConfigurableApplicationContext worker =
        WorkerApplication.application()
            .run(
                "--server.port=0",
                "--image-factory.enrollment.on-start=false",
                "--image-factory.enrollment.drift-interval=0",
                "--spring.temporal.test-server.enabled=true",
                "--image-factory.webhook.token=" + WEBHOOK_TOKEN,
                "--image-factory.sources.allow-local=true",
                "--image-factory.sources.allowed-hosts=github.com,127.0.0.1",
                "--image-factory.embedded.data-dir=" + dir.resolve("data"),
                "--image-factory.embedded.examples-dir=" + examples);
    try (Repository state =
        new FileRepositoryBuilder()
            .setGitDir(dir.resolve("data/state-repo.git").toFile())
            .setMustExist(true)
            .build()) {
      TestWorkflowEnvironment temporal = worker.getBean(TestWorkflowEnvironment.class);
      EntitySearchAttributes.DEFINITIONS.forEach(temporal::registerSearchAttribute);
      WorkflowClient client = worker.getBean(WorkflowClient.class);
      String baseUrl =
          "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");

      HttpResponse<String> started =
          FaultFixtures.post(baseUrl, WEBHOOK_TOKEN, "/api/v1/enrollment", "{}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      EnrollmentResult enrolled = FinishedEnrollment.of(client);

      assertThat(enrolled.committed()).isTrue();
      assertThat(enrolled.images())
          .extracting(ImageOutcome::image, ImageOutcome::status)
          .contains(
              tuple("src-unreachable", "failed"),
              tuple("src-branch-gone", "failed"),
              tuple("src-dockerfile-missing", "failed"),
              tuple("src-healthy", "analysed"),
              tuple("nginx-site", "analysed"),
              tuple("api", "analysed"),
              tuple("web", "analysed"),
              tuple("base-python", "analysed"),
              tuple("reports", "analysed"),
              tuple("image-factory-worker", "analysed"),
              tuple("postgres", "external"));
      assertThat(detail(enrolled, "src-unreachable"))
          .contains(unreachable, "fetch failed", "Connection refused");
      assertThat(detail(enrolled, "src-branch-gone")).contains("has no branch release-1");
      assertThat(detail(enrolled, "src-dockerfile-missing"))
          .contains("docker/Dockerfile: no such file");
      assertThat(detail(enrolled, "src-healthy")).contains("alpine-3.20");

      for (String broken :
          new String[] {"src-unreachable", "src-branch-gone", "src-dockerfile-missing"}) {
        String file = GitFixtures.read(state, "main", "images/" + broken + ".yaml");
        assertThat(file).as(broken).contains("discoveryStatus: failed");
        assertThat(file).as(broken).contains("discoveryError: ");
        assertThat(errorOf(file)).as(broken).isEqualTo(detail(enrolled, broken));
      }
      assertThat(GitFixtures.read(state, "main", "images/src-healthy.yaml"))
          .contains("discoveryStatus: success")
          .contains("- alpine-3.20");
      assertThat(GitFixtures.read(state, "main", "images/nginx-site.yaml"))
          .contains("discoveryStatus: success");
      assertThat(GitFixtures.read(state, "main", "base-images/alpine-3.20.yaml"))
          .contains("- src-healthy");
    } finally {
      worker.close();
    }
  }

  private static String managed(String name, String repo, String branch, String dockerfile) {
    return "\n  - name: "
        + name
        + "\n    registry: ghcr.io"
        + "\n    repository: example-org/"
        + name
        + "\n    source:"
        + "\n      provider: github"
        + "\n      repo: \""
        + repo
        + "\""
        + "\n      branch: "
        + branch
        + "\n      dockerfile: "
        + dockerfile
        + "\n      workflow: build.yml"
        + "\n    rebuildDelay: 1m\n";
  }

  /** A port nothing listens on: taken from the system, then let go. */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String detail(EnrollmentResult result, String image) {
    return result.images().stream()
        .filter(o -> o.image().equals(image))
        .map(ImageOutcome::detail)
        .findFirst()
        .orElseThrow();
  }

  /** The {@code discoveryError} line of a state file, unquoted. */
  private static String errorOf(String stateFile) {
    int at = stateFile.indexOf("discoveryError: ") + "discoveryError: ".length();
    String value = stateFile.substring(at, stateFile.indexOf('\n', at)).strip();
    return value.startsWith("\"") || value.startsWith("'")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
