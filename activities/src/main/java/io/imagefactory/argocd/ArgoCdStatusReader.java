package io.imagefactory.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Argo CD {@code applications.argoproj.io/v1alpha1} objects through the Kubernetes API, as
 * generic resources: Argo CD's Java model is not needed for the few status fields we follow.
 */
public class ArgoCdStatusReader {

  static final ResourceDefinitionContext APPLICATIONS =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withPlural("applications")
          .withKind("Application")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;

  public ArgoCdStatusReader(KubernetesClient client) {
    this.client = client;
  }

  /** The Application's status, or empty when there is no such Application. */
  public Optional<ApplicationStatus> read(String namespace, String name) {
    GenericKubernetesResource application =
        client.genericKubernetesResources(APPLICATIONS).inNamespace(namespace).withName(name).get();
    if (application == null) {
      return Optional.empty();
    }
    Map<String, Object> status = map(application.getAdditionalProperties().get("status"));
    Map<String, Object> sync = map(status.get("sync"));
    Map<String, Object> health = map(status.get("health"));
    Map<String, Object> operation = map(status.get("operationState"));
    Map<String, Object> syncResult = map(operation.get("syncResult"));
    Map<String, Object> requested = map(map(operation.get("operation")).get("sync"));
    List<String> operationRevisions = revisions(syncResult);
    if (operationRevisions.isEmpty()) {
      operationRevisions = revisions(requested);
    }
    return Optional.of(
        new ApplicationStatus(
            revisions(sync),
            string(sync.get("status")),
            string(health.get("status")),
            string(health.get("message")),
            string(operation.get("phase")),
            string(operation.get("message")),
            operationRevisions,
            conditions(status.get("conditions"))));
  }

  private static List<String> revisions(Map<String, Object> holder) {
    List<String> revisions = new ArrayList<>();
    String single = string(holder.get("revision"));
    if (single != null && !single.isEmpty()) {
      revisions.add(single);
    }
    if (holder.get("revisions") instanceof List<?> many) {
      many.stream()
          .map(ArgoCdStatusReader::string)
          .filter(r -> r != null && !r.isEmpty())
          .forEach(revisions::add);
    }
    return revisions;
  }

  private static List<String> conditions(Object value) {
    List<String> conditions = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        Map<String, Object> condition = map(item);
        conditions.add(string(condition.get("type")) + ": " + string(condition.get("message")));
      }
    }
    return conditions;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
