package io.imagefactory.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.argocd.KubernetesSettings;
import io.imagefactory.rebuild.RecordingRebuildActivities;
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
  void withoutAClusterTheArgoCdWaitIsSkipped() {
    KubernetesConnection none =
        new KubernetesConnection(new KubernetesProperties(KubernetesSettings.Mode.NONE, null));

    AwaitSyncResult result =
        new ActivityBeans()
            .argoCdActivities(none, properties(null))
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
  void withoutGitHubCredentialsRebuildsAreRecorded() {
    assertThat(new ActivityBeans().rebuildActivities(properties(null)))
        .isInstanceOf(RecordingRebuildActivities.class);
  }

  @Test
  void withGitHubCredentialsItRefusesToPretend() {
    SecretFile token = new SecretFile(Path.of("/var/run/secrets/github/token"));

    assertThatThrownBy(() -> new ActivityBeans().rebuildActivities(properties(token)))
        .hasMessageContaining("cannot dispatch to GitHub");
  }

  private static ImageFactoryProperties properties(SecretFile githubToken) {
    return new ImageFactoryProperties(
        null,
        null,
        null,
        new GitHubProperties(githubToken, null, null, URI.create("https://api.github.com")),
        new ArgoCdProperties("image-factory", "argocd", Duration.ofMinutes(1)),
        null,
        null,
        null);
  }
}
