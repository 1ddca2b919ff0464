package io.imagefactory.argocd;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the worker reaches the cluster Argo CD runs in.
 *
 * @param mode in the cluster (service account), through a kubeconfig file, or not at all
 * @param kubeconfig the kubeconfig file for {@link Mode#KUBECONFIG}; ignored otherwise
 */
public record KubernetesSettings(Mode mode, Path kubeconfig) {

  /** The ways to reach a cluster. */
  public enum Mode {
    IN_CLUSTER("in-cluster"),
    KUBECONFIG("kubeconfig"),
    NONE("none");

    private final String value;

    Mode(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }

    /** Parses {@code in-cluster}, {@code kubeconfig} or {@code none}, ignoring case. */
    public static Mode parse(String value) {
      String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
      return Arrays.stream(values())
          .filter(mode -> mode.value.equals(wanted))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "Kubernetes mode must be in-cluster, kubeconfig or none, got '"
                          + value
                          + "'"));
    }
  }

  public KubernetesSettings {
    if (mode == null) {
      throw new IllegalArgumentException(
          "Kubernetes mode is required (in-cluster, kubeconfig or none)");
    }
    if (mode == Mode.KUBECONFIG && kubeconfig == null) {
      throw new IllegalArgumentException(
          "Kubernetes mode kubeconfig needs the kubeconfig file's path");
    }
  }

  /** No cluster: the Argo CD wait is skipped. */
  public static KubernetesSettings none() {
    return new KubernetesSettings(Mode.NONE, null);
  }
}
