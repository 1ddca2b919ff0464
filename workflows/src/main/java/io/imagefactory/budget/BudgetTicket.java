package io.imagefactory.budget;

import java.time.Instant;
import java.util.List;

/**
 * One image's request for a rebuild slot. A ticket id is granted and released once: a redelivered
 * request or release has no second effect.
 *
 * @param ticketId unique per request ({@code api/3f2c…}); a new attempt gets a new one
 * @param holder the workflow id the grant is signalled to ({@code image/api})
 * @param provider {@code github} or {@code gitlab}: the CI host the run goes to
 * @param repo {@code owner/name} or the GitLab project path; null for the state repository
 * @param eligibleAt when the rebuild became due: the queue's order, oldest first
 * @param dependents managed images built on this one: their tickets wait behind this one
 * @param forced true for a rebuild a person asked for ({@code rebuild --now}, {@code approve}):
 *     granted at once and counted, whatever the limits
 */
public record BudgetTicket(
    String ticketId,
    String holder,
    String image,
    String provider,
    String repo,
    Instant eligibleAt,
    Instant requestedAt,
    List<String> dependents,
    boolean forced) {

  /** The repository key of a ticket whose Dockerfile lives in the state repository. */
  public static final String STATE_REPOSITORY = "(state repository)";

  public BudgetTicket {
    dependents = dependents == null ? List.of() : List.copyOf(dependents);
  }

  /** The repository as the limits and details lines name it. */
  public String repoName() {
    return repo == null || repo.isBlank() ? STATE_REPOSITORY : repo;
  }
}
