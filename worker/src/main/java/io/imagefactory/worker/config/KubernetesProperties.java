package io.imagefactory.worker.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.kubernetes.*}: how the worker reaches the cluster running Argo CD.
 *
 * @param mode {@code in-cluster} (service account), {@code kubeconfig}, or {@code none}: no
 *     cluster, so the Argo CD wait is skipped
 * @param kubeconfig the kubeconfig file for {@code kubeconfig} mode
 */
public record KubernetesProperties(@DefaultValue("none") Mode mode, Path kubeconfig) {

  /** Where cluster credentials come from. */
  public enum Mode {
    IN_CLUSTER,
    KUBECONFIG,
    NONE
  }

  public boolean clusterConfigured() {
    return mode != Mode.NONE;
  }
}
