package io.imagefactory.argocd;

import java.time.Duration;

/**
 * Wait for one commit of the state repository to be deployed by Argo CD.
 *
 * @param application the Argo CD Application's name
 * @param namespace the namespace the Application lives in (usually {@code argocd})
 * @param revision the full commit id it must report as synced
 * @param timeout how long to wait in total, across retries
 */
public record AwaitSyncRequest(
    String application, String namespace, String revision, Duration timeout) {}
