package io.imagefactory.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.argocd.KubernetesSettings;
import io.imagefactory.worker.ApplicationYaml;
import io.temporal.activity.ActivityInterface;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.context.annotation.Bean;

class ActivityBeansTest {

  @Test
  void theWorkerRegistersExactlyTheActivityBeansThatExist() throws Exception {
    List<String> registered =
        ApplicationYaml.binder()
            .bind("spring.temporal.workers[0].activity-beans", Bindable.listOf(String.class))
            .get();

    List<Method> beans =
        Arrays.stream(ActivityBeans.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Bean.class))
            .toList();
    assertThat(registered)
        .containsExactlyInAnyOrderElementsOf(beans.stream().map(Method::getName).toList());
    assertThat(beans)
        .allSatisfy(
            m ->
                assertThat(m.getReturnType().isAnnotationPresent(ActivityInterface.class))
                    .as(m.getName() + " returns an activity interface")
                    .isTrue());
  }

  @Test
  void signaturesAreReadAnonymouslyOverHttpsUnlessConfigured() {
    SignatureProperties defaults =
        ApplicationYaml.binder()
            .bind("image-factory.signatures", Bindable.of(SignatureProperties.class))
            .get();

    assertThat(defaults.dockerConfig()).isNull();
    assertThat(defaults.insecureRegistries()).isEmpty();
    assertThat(defaults.credentials()).hasToString("no registry credentials");
    assertThat(defaults.trustedRoot()).isNull();
    assertThat(defaults.unverifiedCache()).isEqualTo(Duration.ofMinutes(1));
    assertThat(defaults.trust().toString()).isEqualTo("Sigstore public-good (TUF)");
    SignatureProperties configured =
        new SignatureProperties(
            SecretFile.of("/var/run/secrets/registry/config.json"),
            List.of("127.0.0.1:5000"),
            Path.of("/etc/image-factory/trusted_root.json"),
            Duration.ofSeconds(30));
    assertThat(configured.credentials())
        .hasToString("registry credentials from /var/run/secrets/registry/config.json");
    assertThat(configured.trust().toString()).isEqualTo("/etc/image-factory/trusted_root.json");
    assertThat(new ActivityBeans().signatureActivities(configured, null)).isNotNull();
  }

  @Test
  void withoutAClusterTheArgoCdWaitIsSkipped() {
    KubernetesConnection none =
        new KubernetesConnection(new KubernetesProperties(KubernetesSettings.Mode.NONE, null));

    AwaitSyncResult result =
        new ActivityBeans()
            .argoCdActivities(none, properties(null, null), null)
            .awaitSync(AwaitSyncRequest.forRevision("0".repeat(40)));

    assertThat(result.status()).isEqualTo(AwaitSyncResult.Status.SKIPPED_NO_CLUSTER);
  }

  @Test
  void kubeconfigModeWithoutAFileIsAStartupError() {
    assertThatThrownBy(
            () ->
                new KubernetesConnection(
                    new KubernetesProperties(KubernetesSettings.Mode.KUBECONFIG, null)))
        .hasMessageContaining("kubeconfig");
  }

  @Test
  void withoutCredentialsNoProviderIsConfiguredAndDispatchesAreRecorded() {
    CiProviders ci =
        new CiConfiguration()
            .ciProviders(properties(null, null), RebuildBudgetProperties.defaults());

    assertThat(ci.providers()).isEmpty();
    assertThat(ci.gitCredentials()).isEmpty();
  }

  @Test
  void aGitHubTokenAndAGitLabTokenConfigureBothProvidersAndTheirGitHosts() {
    SecretFile github = new SecretFile(Path.of("/var/run/secrets/github/token"));
    SecretFile gitlab = new SecretFile(Path.of("/var/run/secrets/gitlab/token"));

    CiProviders ci =
        new CiConfiguration()
            .ciProviders(properties(github, gitlab), RebuildBudgetProperties.defaults());

    assertThat(ci.providers()).extracting(p -> p.name()).containsExactly("github", "gitlab");
    assertThat(ci.gitCredentials()).containsOnlyKeys("github.com", "gitlab.acme.io");
    assertThat(ci.gitCredentials().get("gitlab.acme.io").username()).isEqualTo("oauth2");
    assertThat(ci.stateRepository()).isEqualTo("acme/state");
  }

  @Test
  void theStateRepositoryIsReadFromItsUrlOnlyOnTheGitHubHost() {
    GitHubProperties github =
        new GitHubProperties(null, null, null, URI.create("https://api.github.com"), null, null);
    assertThat(
            CiProviders.stateRepositoryOf(github, stateRepo("https://github.com/acme/state.git")))
        .isEqualTo("acme/state");
    assertThat(
            CiProviders.stateRepositoryOf(github, stateRepo("https://gitlab.com/acme/state.git")))
        .isNull();
    assertThat(CiProviders.stateRepositoryOf(github, stateRepo("/srv/git/state.git"))).isNull();
    GitHubProperties ghe =
        new GitHubProperties(
            null, null, null, URI.create("https://ghe.acme.io/api/v3"), "platform/images", null);
    assertThat(CiProviders.stateRepositoryOf(ghe, stateRepo("https://ghe.acme.io/a/b.git")))
        .isEqualTo("platform/images");
    assertThat(ghe.gitHost()).isEqualTo("ghe.acme.io");
  }

  @Test
  void anAppNeedsItsKeyAndATokenAndAnAppTogetherAreRefused() {
    SecretFile file = new SecretFile(Path.of("/x"));
    URI api = URI.create("https://api.github.com");
    assertThatThrownBy(() -> new GitHubProperties(null, "1", null, api, null, null))
        .hasMessageContaining("app-private-key-file");
    assertThatThrownBy(() -> new GitHubProperties(file, "1", file, api, null, null))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> new GitHubProperties(null, null, null, api, "no-slash", null))
        .hasMessageContaining("owner/name");
  }

  private static StateRepoProperties stateRepo(String url) {
    return new StateRepoProperties(url, "main", null, null);
  }

  private static ImageFactoryProperties properties(SecretFile githubToken, SecretFile gitlabToken) {
    return new ImageFactoryProperties(
        stateRepo("https://github.com/acme/state.git"),
        null,
        null,
        new GitHubProperties(
            githubToken,
            null,
            null,
            URI.create("https://api.github.com"),
            null,
            Duration.ofHours(24)),
        new GitLabProperties(
            URI.create("https://gitlab.acme.io"), gitlabToken, Duration.ofHours(24)),
        new ArgoCdProperties("image-factory", "argocd", Duration.ofMinutes(1)),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
