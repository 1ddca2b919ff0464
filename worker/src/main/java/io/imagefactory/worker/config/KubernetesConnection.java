package io.imagefactory.worker.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagefactory.argocd.KubernetesClientFactory;
import java.util.Optional;

/** The worker's Kubernetes client, if a cluster is configured; closed with the application. */
final class KubernetesConnection implements AutoCloseable {

  private final Optional<KubernetesClient> client;

  KubernetesConnection(KubernetesProperties properties) {
    this.client = KubernetesClientFactory.create(properties.settings());
  }

  Optional<KubernetesClient> client() {
    return client;
  }

  @Override
  public void close() {
    client.ifPresent(KubernetesClient::close);
  }
}
