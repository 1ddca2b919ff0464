package io.imagefactory.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.argocd.KubernetesSettings;
import io.imagefactory.kargo.KargoSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** The settings bind from exactly the environment variables the deploy manifests document. */
class ImageFactoryPropertiesTest {

  private static Binder environment(Map<String, Object> variables) {
    return new Binder(
        ConfigurationPropertySources.from(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
  }

  @Test
  void everyDocumentedVariableBinds() {
    Binder binder =
        environment(
            Map.ofEntries(
                Map.entry("IMAGE_FACTORY_STATE_REPO_URL", "https://github.com/acme/state.git"),
                Map.entry("IMAGE_FACTORY_STATE_REPO_BRANCH", "state"),
                Map.entry("IMAGE_FACTORY_STATE_REPO_TOKEN_FILE", "/secrets/state/token"),
                Map.entry("IMAGE_FACTORY_STATE_REPO_CACHE_DIR", "/cache/state"),
                Map.entry("IMAGE_FACTORY_SOURCES_ALLOWED_HOSTS", "github.com,ghe.acme.io"),
                Map.entry("IMAGE_FACTORY_SOURCES_TOKEN_FILE", "/secrets/sources/token"),
                Map.entry("IMAGE_FACTORY_WEBHOOK_TOKEN_FILE", "/secrets/webhook/token"),
                Map.entry("IMAGE_FACTORY_GITHUB_APP_ID", "123456"),
                Map.entry("IMAGE_FACTORY_GITHUB_APP_PRIVATE_KEY_FILE", "/secrets/github/key.pem"),
                Map.entry("IMAGE_FACTORY_GITHUB_BASE_URL", "https://ghe.acme.io/api/v3"),
                Map.entry("IMAGE_FACTORY_GITHUB_STATE_REPOSITORY", "acme/state"),
                Map.entry("IMAGE_FACTORY_GITHUB_NEVER_STARTED_AFTER", "12h"),
                Map.entry("IMAGE_FACTORY_GITLAB_BASE_URL", "https://gitlab.acme.io"),
                Map.entry("IMAGE_FACTORY_GITLAB_TOKEN_FILE", "/secrets/gitlab/token"),
                Map.entry("IMAGE_FACTORY_GITLAB_NEVER_STARTED_AFTER", "6h"),
                Map.entry("IMAGE_FACTORY_ARGOCD_APPLICATION", "image-factory-state"),
                Map.entry("IMAGE_FACTORY_ARGOCD_NAMESPACE", "gitops"),
                Map.entry("IMAGE_FACTORY_ARGOCD_SYNC_TIMEOUT", "15m"),
                Map.entry("IMAGE_FACTORY_KUBERNETES_MODE", "in-cluster"),
                Map.entry("IMAGE_FACTORY_KARGO_PROJECT", "watch"),
                Map.entry(
                    "IMAGE_FACTORY_KARGO_WEBHOOK_URL",
                    "http://worker.if.svc:8080/api/v1/events/image"),
                Map.entry("IMAGE_FACTORY_KARGO_TOKEN_SECRET", "webhook-token")));

    ImageFactoryProperties p = binder.bindOrCreate("image-factory", ImageFactoryProperties.class);

    assertThat(p.stateRepo())
        .isEqualTo(
            new StateRepoProperties(
                "https://github.com/acme/state.git",
                "state",
                new SecretFile(Path.of("/secrets/state/token")),
                Path.of("/cache/state")));
    assertThat(p.sources().allowedHosts()).containsExactly("github.com", "ghe.acme.io");
    assertThat(p.sources().tokenFile().path()).isEqualTo(Path.of("/secrets/sources/token"));
    assertThat(p.webhook().tokenFile().path()).isEqualTo(Path.of("/secrets/webhook/token"));
    assertThat(p.github())
        .isEqualTo(
            new GitHubProperties(
                null,
                "123456",
                new SecretFile(Path.of("/secrets/github/key.pem")),
                URI.create("https://ghe.acme.io/api/v3"),
                "acme/state",
                Duration.ofHours(12)));
    assertThat(p.gitlab())
        .isEqualTo(
            new GitLabProperties(
                URI.create("https://gitlab.acme.io"),
                new SecretFile(Path.of("/secrets/gitlab/token")),
                Duration.ofHours(6)));
    assertThat(p.argocd())
        .isEqualTo(new ArgoCdProperties("image-factory-state", "gitops", Duration.ofMinutes(15)));
    assertThat(p.kubernetes().mode()).isEqualTo(KubernetesSettings.Mode.IN_CLUSTER);
    assertThat(p.kargo())
        .isEqualTo(
            new KargoProperties(
                "watch", "http://worker.if.svc:8080/api/v1/events/image", "webhook-token"));
  }

  @Test
  void theTemporalVariablesReachTheStartersProperties() {
    Binder binder =
        environment(
            Map.of(
                "SPRING_TEMPORAL_CONNECTION_TARGET", "acme.tmprl.cloud:7233",
                "SPRING_TEMPORAL_NAMESPACE", "acme.prod",
                "SPRING_TEMPORAL_CONNECTION_MTLS_KEY_FILE", "/tls/tls.key",
                "SPRING_TEMPORAL_CONNECTION_MTLS_CERT_CHAIN_FILE", "/tls/tls.crt",
                "SPRING_TEMPORAL_CONNECTION_API_KEY", "key"));

    assertThat(binder.bind("spring.temporal.connection.target", String.class).get())
        .isEqualTo("acme.tmprl.cloud:7233");
    assertThat(binder.bind("spring.temporal.namespace", String.class).get()).isEqualTo("acme.prod");
    assertThat(binder.bind("spring.temporal.connection.mtls.key-file", String.class).get())
        .isEqualTo("/tls/tls.key");
    assertThat(binder.bind("spring.temporal.connection.mtls.cert-chain-file", String.class).get())
        .isEqualTo("/tls/tls.crt");
    assertThat(binder.bind("spring.temporal.connection.api-key", String.class).get())
        .isEqualTo("key");
  }

  @Test
  void theWorkersOwnTemporalSettingsBindFromTheEnvironment() {
    TemporalProperties temporal =
        environment(
                Map.of(
                    "IMAGE_FACTORY_TEMPORAL_API_KEY_FILE", "/secrets/temporal/api-key",
                    "IMAGE_FACTORY_TEMPORAL_WEBHOOK_DEADLINE", "3s",
                    "IMAGE_FACTORY_TEMPORAL_START_RETRY_MAX_INTERVAL", "1m",
                    "IMAGE_FACTORY_TEMPORAL_CHECK_SEARCH_ATTRIBUTES", "false",
                    "IMAGE_FACTORY_TEMPORAL_SHUTDOWN_GRACE", "40s"))
            .bindOrCreate("image-factory.temporal", TemporalProperties.class);

    assertThat(temporal)
        .isEqualTo(
            new TemporalProperties(
                new SecretFile(Path.of("/secrets/temporal/api-key")),
                Duration.ofSeconds(3),
                Duration.ofMinutes(1),
                false,
                Duration.ofSeconds(40)));
    assertThat(
            environment(Map.of()).bindOrCreate("image-factory.temporal", TemporalProperties.class))
        .isEqualTo(
            new TemporalProperties(
                null, Duration.ofSeconds(5), Duration.ofSeconds(30), true, Duration.ofSeconds(75)));
  }

  @Test
  void defaultsNeedNoConfiguration() {
    ImageFactoryProperties p =
        environment(Map.of()).bindOrCreate("image-factory", ImageFactoryProperties.class);

    assertThat(p.stateRepo().configured()).isFalse();
    assertThat(p.stateRepo().branch()).isEqualTo("main");
    assertThat(p.sources().allowedHosts()).containsExactly("github.com");
    assertThat(p.webhook().tokenConfigured()).isFalse();
    assertThat(p.webhook().maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
    assertThat(p.github().hasCredentials()).isFalse();
    assertThat(p.github().baseUrl()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(p.kubernetes().clusterConfigured()).isFalse();
    assertThat(p.argocd().syncTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.kargo().project()).isEqualTo("image-factory-watch");
    assertThat(p.embedded().port()).isEqualTo(7233);
    assertThat(p.embedded().dataDir()).isEqualTo(Path.of(".image-factory"));
  }

  @Test
  void kargoPollingAndWebhookReceiversComeFromTheEnvironment() {
    KargoProperties kargo =
        environment(
                Map.of(
                    "IMAGE_FACTORY_KARGO_INTERVAL", "30m",
                    "IMAGE_FACTORY_KARGO_NEWEST_BUILD_INTERVAL", "6h",
                    "IMAGE_FACTORY_KARGO_MANAGED_CACHE_BY_TAG", "false",
                    "IMAGE_FACTORY_KARGO_WEBHOOK_RECEIVERS",
                        "github=ghcr-webhook, quay=quay-webhook"))
            .bindOrCreate("image-factory.kargo", KargoProperties.class);

    KargoSettings settings = kargo.settings();
    assertThat(settings.warehouseInterval()).isEqualTo("30m");
    assertThat(settings.newestBuildInterval()).isEqualTo("6h");
    assertThat(settings.managedCacheByTag()).isFalse();
    assertThat(settings.webhookReceivers())
        .containsExactly(Map.entry("github", "ghcr-webhook"), Map.entry("quay", "quay-webhook"));
    assertThat(environment(Map.of()).bindOrCreate("image-factory.kargo", KargoProperties.class))
        .isEqualTo(
            new KargoProperties(
                KargoSettings.DEFAULT_PROJECT,
                KargoSettings.DEFAULT_WEBHOOK_URL,
                KargoSettings.DEFAULT_TOKEN_SECRET));
  }

  @Test
  void kargoSettingsAreValidated() {
    KargoProperties bad =
        environment(Map.of("IMAGE_FACTORY_KARGO_WEBHOOK_URL", "ftp://worker"))
            .bindOrCreate("image-factory.kargo", KargoProperties.class);

    org.assertj.core.api.Assertions.assertThatThrownBy(bad::settings)
        .hasMessageContaining("webhookUrl");
    assertThat(
            new KargoProperties("watch", "http://w:8080/api/v1/events/image", "t")
                .settings()
                .project())
        .isEqualTo("watch");
  }

  @Test
  void aSecretFileIsReadAtUseTimeAndNeverShown(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("token");
    SecretFile secret = new SecretFile(path);
    Files.writeString(path, "  s3cr3t-value\n");

    assertThat(secret.read()).isEqualTo("s3cr3t-value");
    assertThat(secret.toString()).contains(path.toString()).doesNotContain("s3cr3t");

    Files.delete(path);
    org.assertj.core.api.Assertions.assertThatThrownBy(secret::read)
        .isInstanceOf(SecretFile.SecretUnavailableException.class)
        .hasMessageContaining(path.toString())
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aWebhookTokenGivenAsAValueIsNeverShown() {
    WebhookProperties webhook =
        environment(Map.of("IMAGE_FACTORY_WEBHOOK_TOKEN", "dev-token-123"))
            .bindOrCreate("image-factory.webhook", WebhookProperties.class);

    assertThat(webhook.tokenConfigured()).isTrue();
    assertThat(webhook.toString()).doesNotContain("dev-token-123");
    assertThat(List.of(webhook).toString()).doesNotContain("dev-token-123");
  }
}
