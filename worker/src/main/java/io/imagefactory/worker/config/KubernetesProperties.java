package io.imagefactory.worker.config;

import io.imagefactory.argocd.KubernetesSettings;
import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.kubernetes.*}: how the worker reaches the cluster running Argo CD.
 *
 * @param mode {@code in-cluster} (service account), {@code kubeconfig}, or {@code none}: no
 *     cluster, so the Argo CD wait is skipped
 * @param kubeconfig the kubeconfig file for {@code kubeconfig} mode
 */
public record KubernetesProperties(
    @DefaultValue("none") KubernetesSettings.Mode mode, Path kubeconfig) {

  public boolean clusterConfigured() {
    return mode != KubernetesSettings.Mode.NONE;
  }

  /** The settings the Kubernetes client is built from; refuses kubeconfig mode without a file. */
  public KubernetesSettings settings() {
    return new KubernetesSettings(mode, kubeconfig);
  }
}
