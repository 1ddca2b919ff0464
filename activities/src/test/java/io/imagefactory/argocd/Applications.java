package io.imagefactory.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Argo CD Application fixtures ({@code src/test/resources/argocd/}) put into a mock API server. */
final class Applications {

  static final String NAMESPACE = "argocd";
  static final String NAME = "image-factory-kargo";
  static final String REVISION = "4b1c9e2f0a7d3c5b6e8f9a0b1c2d3e4f5a6b7c8d";
  static final String OLD_REVISION = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";

  static final String[] FIXTURES = {
    "synced", "out-of-sync", "degraded", "operation-failed", "multi-source"
  };

  private Applications() {}

  static GenericKubernetesResource load(KubernetesClient client, String fixture) {
    String resource = "argocd/" + fixture + ".yaml";
    try (InputStream in = Applications.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + resource + " is missing");
      }
      return client.getKubernetesSerialization().unmarshal(in, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the Application from the fixture. */
  static void create(KubernetesClient client, String fixture) {
    client
        .genericKubernetesResources(ArgoCdStatusReader.APPLICATIONS)
        .inNamespace(NAMESPACE)
        .resource(load(client, fixture))
        .create();
  }

  /** Replaces the Application's status with the fixture's, as Argo CD's controller would. */
  static void changeStatusTo(KubernetesClient client, String fixture) {
    Object status = load(client, fixture).getAdditionalProperties().get("status");
    client
        .genericKubernetesResources(ArgoCdStatusReader.APPLICATIONS)
        .inNamespace(NAMESPACE)
        .withName(NAME)
        .edit(
            application -> {
              application.getAdditionalProperties().put("status", status);
              return application;
            });
  }
}
