package io.imagefactory.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.FinishedEnrollment;
import io.imagefactory.worker.TimeSkippingWorker;
import io.imagefactory.worker.WorkerHttp;
import io.imagefactory.worker.temporal.Eventually;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps of {@code docs/signatures.md} on the real worker (embedded default, time-skipping
 * Temporal) and a real local registry: a {@code verify:} rule with a cosign key, an image built on
 * a base in that registry, an unsigned digest held, then signed as {@code cosign sign --key} signs
 * it, released by the base's re-check and rebuilt after its delay.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SignatureDemoTest {

  private static final String TOKEN = "signature-demo-token";

  @TempDir Path tmp;

  @Test
  void anUnsignedDigestIsHeldThenReleasedWhenSignedAndRebuilt() throws Exception {
    try (LocalRegistry registry =
            LocalRegistry.start(Files.createDirectories(tmp.resolve("registry")));
        TimeSkippingWorker worker =
            TimeSkippingWorker.start(
                tmp.resolve("data"),
                TOKEN,
                "--image-factory.signatures.insecure-registries=" + registry.host(),
                "--image-factory.signatures.unverified-cache=0s")) {
      RegistryPusher pusher = new RegistryPusher(registry.uri());
      CosignSigner cosign = new CosignSigner(pusher);
      String base = registry.host() + "/demo/base";
      String catalog = GitFixtures.read(worker.stateRepo, "main", "images.yaml");
      GitFixtures.commit(
          worker.stateRepo,
          "main",
          "Verify the demo base's signatures",
          Map.of(
              "keys/cosign.pub",
              new String(cosign.publicKeyPem(), StandardCharsets.US_ASCII),
              "demo/Dockerfile",
              "ARG BASE_IMAGE=" + base + ":1\nFROM ${BASE_IMAGE}\n",
              "images.yaml",
              "verify:\n  - {repository: \""
                  + registry.host()
                  + "/**\", key: keys/cosign.pub}\n"
                  + catalog.replace("images:\n", "images:\n" + DEMO_APP)));

      assertThat(WorkerHttp.post(worker.baseUrl, TOKEN, "/api/v1/enrollment", "{}").statusCode())
          .isEqualTo(202);
      EnrollmentResult enrolled = FinishedEnrollment.of(worker.client);
      assertThat(enrolled.errors()).isEmpty();
      assertThat(GitFixtures.read(worker.stateRepo, "main", "base-images/demo-base-1.yaml"))
          .contains("key: keys/cosign.pub");

      String baseline = pusher.image("demo/base", "1");
      String unsigned = pusher.image("demo/base", "1-rebuilt");
      assertThat(event(worker, base, baseline).statusCode()).isEqualTo(202);
      assertThat(event(worker, base, unsigned).statusCode()).isEqualTo(202);
      ImageWorkflow app =
          worker.client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("demo-app"));
      worker.temporal.sleep(Duration.ofSeconds(30));

      ImageStatus held = eventually(app::status, s -> !s.runtime().held().isEmpty());
      assertThat(held.runtime().held()).extracting(PendingDigest::digest).containsExactly(unsigned);
      assertThat(held.runtime().held().get(0).unverified()).startsWith("no signature found");
      assertThat(held.details()).contains("held for its signature: demo-base-1");
      assertThat(
              eventually(
                  () -> GitFixtures.read(worker.stateRepo, "main", "images/demo-app.yaml"),
                  text -> text.contains("heldForSignature")))
          .contains(unsigned);
      assertThat(app.status().runtime().lastRebuild()).as("held, never built").isNull();

      cosign.signUnderTag("demo/base", unsigned, unsigned);
      worker.temporal.sleep(Duration.ofMinutes(5));

      // Released by the re-check five minutes after the hold; its one-minute soak, counted from
      // when the digest was first seen, is over, so it is rebuilt at once.
      ImageStatus rebuilt = eventually(app::status, s -> s.runtime().lastRebuild() != null);
      assertThat(rebuilt.runtime().held()).isEmpty();
      assertThat(rebuilt.runtime().lastRebuild().baseDigests())
          .containsEntry("demo-base-1", unsigned);
      assertThat(rebuilt.runtime().lastRebuild().covered())
          .extracting(PendingDigest::unverified)
          .containsOnlyNulls();
    }
  }

  private static final String DEMO_APP =
      "  - name: demo-app\n"
          + "    registry: ghcr.io\n"
          + "    repository: example-org/demo-app\n"
          + "    source:\n"
          + "      provider: github\n"
          + "      dockerfile: demo/Dockerfile\n"
          + "      workflow: build-nginx-site.yml\n"
          + "      workflowInputs:\n"
          + "        base_image: \"${base.demo-base-1.ref}\"\n"
          + "        rebuild_id: \"${rebuild.id}\"\n"
          + "    rebuildDelay: 1m\n"
          + "    autoRebuild: true\n\n";

  private static HttpResponse<String> event(
      TimeSkippingWorker worker, String repoURL, String digest) throws Exception {
    return WorkerHttp.post(
        worker.baseUrl,
        TOKEN,
        "/api/v1/events/image",
        "{\"repoURL\":\"" + repoURL + "\",\"tag\":\"1\",\"digest\":\"" + digest + "\"}");
  }

  /** Skipped time says when a timer fires, not when the worker has done what it started. */
  private static <T> T eventually(Callable<T> value, Predicate<T> done) throws Exception {
    return Eventually.poll(Duration.ofSeconds(30), value, done);
  }
}
