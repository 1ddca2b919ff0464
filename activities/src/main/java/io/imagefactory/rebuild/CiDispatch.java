package io.imagefactory.rebuild;

import java.time.Instant;
import java.util.Map;

/**
 * A rebuild as a CI provider sees it: where to run it and with what, the placeholders already
 * filled in.
 *
 * @param repo {@code owner/name} on GitHub, the project path on GitLab; never null
 * @param workflow the workflow file ({@code build.yml}); null for GitLab
 * @param ref the branch
 * @param inputs workflow inputs (GitLab: pipeline variables), rendered
 * @param rebuildId {@code api#3}: the correlation between a dispatch and its run
 * @param requestedAt when the rebuild was first asked for; runs created before it are not ours
 * @param retry true when an earlier attempt of this dispatch may have reached the provider
 */
public record CiDispatch(
    String image,
    String rebuildId,
    String repo,
    String workflow,
    String ref,
    Map<String, String> inputs,
    Instant requestedAt,
    boolean retry) {

  public CiDispatch {
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
  }
}
