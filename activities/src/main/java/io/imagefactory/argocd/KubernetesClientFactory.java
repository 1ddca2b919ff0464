package io.imagefactory.argocd;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Builds the Kubernetes client the settings ask for, or none when no cluster is configured. */
public final class KubernetesClientFactory {

  static final String SERVICE_HOST = "KUBERNETES_SERVICE_HOST";
  static final int REQUEST_RETRIES = 2;

  private KubernetesClientFactory() {}

  /** The client, or empty for {@link KubernetesSettings.Mode#NONE}. */
  public static Optional<KubernetesClient> create(KubernetesSettings settings) {
    return create(settings, System::getenv);
  }

  static Optional<KubernetesClient> create(KubernetesSettings settings, UnaryOperator<String> env) {
    switch (settings.mode()) {
      case NONE:
        return Optional.empty();
      case KUBECONFIG:
        if (!Files.isReadable(settings.kubeconfig())) {
          throw new IllegalArgumentException(
              "Kubernetes mode kubeconfig: cannot read " + settings.kubeconfig());
        }
        return Optional.of(client(Config.fromKubeconfig(settings.kubeconfig().toFile())));
      case IN_CLUSTER:
      default:
        if (env.apply(SERVICE_HOST) == null) {
          throw new IllegalStateException(
              "Kubernetes mode in-cluster, but "
                  + SERVICE_HOST
                  + " is not set: not running in a"
                  + " pod? Use mode kubeconfig (with a kubeconfig path) or none.");
        }
        // In a pod this finds the service account's token and CA; the Deployment sets
        // KUBERNETES_AUTH_TRYKUBECONFIG=false so a stray kubeconfig can never take precedence.
        return Optional.of(client(Config.autoConfigure(null)));
    }
  }

  private static KubernetesClient client(Config config) {
    // The wait polls again anyway: a read that keeps failing must not outlast the heartbeat
    // timeout inside the client's own retries (ten by default, with exponential backoff).
    config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
