package io.imagefactory.argocd;

import java.time.Duration;

/**
 * Wait for one commit of the state repository to be deployed by Argo CD.
 *
 * @param application the Argo CD Application's name
 * @param namespace the namespace the Application lives in (usually {@code argocd})
 * @param revision the full commit id it must report as synced
 * @param timeout how long to wait in total, across retries
 *     <p>A null application, namespace or timeout means the one the worker is configured with.
 */
public record AwaitSyncRequest(
    String application, String namespace, String revision, Duration timeout) {

  /** Waits for {@code revision} on the Application the worker is configured with. */
  public static AwaitSyncRequest forRevision(String revision) {
    return new AwaitSyncRequest(null, null, revision, null);
  }

  /** This request with every null field taken from {@code defaults}. */
  public AwaitSyncRequest orDefaults(AwaitSyncRequest defaults) {
    return new AwaitSyncRequest(
        application != null ? application : defaults.application(),
        namespace != null ? namespace : defaults.namespace(),
        revision != null ? revision : defaults.revision(),
        timeout != null ? timeout : defaults.timeout());
  }
}
