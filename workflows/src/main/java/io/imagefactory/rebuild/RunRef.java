package io.imagefactory.rebuild;

/**
 * A pointer to one CI run, enough to read its state again after a restart. Carries no credentials.
 *
 * @param provider {@code github} or {@code gitlab}
 * @param repo {@code owner/name} on GitHub, the project path on GitLab
 * @param runId the workflow run id (GitHub) or pipeline id (GitLab)
 * @param url the run's page, for people
 */
public record RunRef(String provider, String repo, String runId, String url) {}
