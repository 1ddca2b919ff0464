package io.imagefactory.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.imagefactory.argocd.KubernetesSettings.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@EnableKubernetesMockClient(crud = true)
class KubernetesClientFactoryTest {

  KubernetesClient client;

  @TempDir Path dir;

  @Test
  void noClusterMeansNoClient() {
    assertThat(KubernetesClientFactory.create(KubernetesSettings.none(), name -> null)).isEmpty();
  }

  @Test
  void aKubeconfigPointsTheClientAtItsCluster() throws Exception {
    Applications.create(client, "synced");
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: %s
                insecure-skip-tls-verify: true
            users:
            - name: worker
              user:
                token: not-a-real-token
            contexts:
            - name: test
              context:
                cluster: test
                user: worker
                namespace: argocd
            current-context: test
            """
                .formatted(client.getConfiguration().getMasterUrl()));

    try (KubernetesClient configured =
        KubernetesClientFactory.create(
                new KubernetesSettings(Mode.KUBECONFIG, kubeconfig), name -> null)
            .orElseThrow()) {
      assertThat(configured.getConfiguration().getRequestRetryBackoffLimit())
          .isEqualTo(KubernetesClientFactory.REQUEST_RETRIES);
      assertThat(new ArgoCdStatusReader(configured).read(Applications.NAMESPACE, Applications.NAME))
          .hasValueSatisfying(status -> assertThat(status.syncStatus()).isEqualTo("Synced"));
    }
  }

  @Test
  void aKubeconfigThatCannotBeReadIsNamed() {
    Path missing = dir.resolve("missing-kubeconfig");

    assertThatThrownBy(
            () ->
                KubernetesClientFactory.create(
                    new KubernetesSettings(Mode.KUBECONFIG, missing), name -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void inClusterOutsideAPodSaysSo() {
    assertThatThrownBy(
            () ->
                KubernetesClientFactory.create(
                    new KubernetesSettings(Mode.IN_CLUSTER, null), name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KUBERNETES_SERVICE_HOST is not set");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"in-cluster, IN_CLUSTER", "KUBECONFIG, KUBECONFIG", " none , NONE"})
  void parsesTheDocumentedModes(String value, Mode mode) {
    assertThat(Mode.parse(value)).isEqualTo(mode);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"incluster", "''", "cluster"})
  void rejectsOtherModesListingTheValidOnes(String value) {
    assertThatThrownBy(() -> Mode.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in-cluster, kubeconfig or none");
  }

  @Test
  void kubeconfigModeNeedsAPath() {
    assertThatThrownBy(() -> new KubernetesSettings(Mode.KUBECONFIG, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kubeconfig file's path");
  }
}
