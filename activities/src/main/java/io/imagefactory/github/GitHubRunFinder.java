package io.imagefactory.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.RunRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the run a dispatch started when GitHub did not say: it lists the workflow's {@code
 * workflow_dispatch} runs on the branch created since the rebuild was asked for. A run whose title
 * ({@code run-name:}, which the documented workflow pattern fills with the rebuild id) names this
 * rebuild is ours; a run naming another rebuild is not; an untitled run is ours only when it is the
 * only run that could be. Two possible runs are never decided between.
 */
final class GitHubRunFinder {

  /** Runs are listed from a minute before the request, for clocks that disagree. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** A rebuild id as titles carry it, {@code api#3}; not {@code web-api#3} nor {@code api#31}. */
  private static final Pattern REBUILD_ID =
      Pattern.compile("(?<![A-Za-z0-9._-])[A-Za-z0-9][A-Za-z0-9._-]*#[0-9]+(?![0-9])");

  /** The runs that could be a rebuild's: those naming it, and those naming no rebuild. */
  record Runs(String rebuildId, List<RunRef> ours, List<RunRef> unclaimed) {

    /** The one run that is this rebuild's, if it can be told without guessing. */
    Optional<RunRef> identified() {
      if (ours.size() == 1) {
        return Optional.of(ours.get(0));
      }
      return ours.isEmpty() && unclaimed.size() == 1
          ? Optional.of(unclaimed.get(0))
          : Optional.empty();
    }

    boolean none() {
      return ours.isEmpty() && unclaimed.isEmpty();
    }

    String describe() {
      List<RunRef> possible = ours.isEmpty() ? unclaimed : ours;
      return possible.size()
          + " runs could be "
          + rebuildId
          + " ("
          + ids(possible)
          + ")"
          + (ours.isEmpty() ? ", none of them names it" : ", all naming it");
    }

    private static String ids(List<RunRef> runs) {
      return String.join(", ", runs.stream().map(RunRef::runId).toList());
    }
  }

  private final GitHubApi api;
  private final Clock clock;

  GitHubRunFinder(GitHubApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  Runs find(CiDispatch dispatch, String token) throws CiException {
    Instant requested = Objects.requireNonNullElseGet(dispatch.requestedAt(), clock::instant);
    Instant since = requested.minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS);
    String branch = branch(dispatch.ref());
    String path =
        "%s/actions/workflows/%s/runs?event=workflow_dispatch&branch=%s&created=%s&per_page=100"
            .formatted(
                GitHubApi.repoPath(dispatch.repo()),
                GitHubApi.encode(dispatch.workflow()),
                GitHubApi.encode(branch),
                GitHubApi.encode(">=" + since));
    GitHubResponse response = api.get(path, token);
    if (!response.successful()) {
      throw GitHubResponses.failure(
          response, "run listing of " + dispatch.workflow() + " on " + dispatch.repo(), clock);
    }
    List<RunRef> ours = new ArrayList<>();
    List<RunRef> unclaimed = new ArrayList<>();
    // The filters are checked again here: an older Enterprise Server may ignore some of them.
    for (JsonNode run : response.json().path("workflow_runs")) {
      if (!"workflow_dispatch".equals(run.path("event").asText())
          || !branch.equals(run.path("head_branch").asText())
          || createdBefore(run, since)) {
        continue;
      }
      RunRef ref =
          new RunRef(
              "github",
              dispatch.repo(),
              run.path("id").asText(),
              run.path("html_url").asText(null));
      Set<String> named =
          rebuildIds(run.path("display_title").asText("") + "\n" + run.path("name").asText(""));
      if (named.contains(dispatch.rebuildId())) {
        ours.add(ref);
      } else if (named.isEmpty()) {
        unclaimed.add(ref);
      }
    }
    return new Runs(dispatch.rebuildId(), ours, unclaimed);
  }

  static Set<String> rebuildIds(String title) {
    Set<String> ids = new HashSet<>();
    Matcher matcher = REBUILD_ID.matcher(title);
    while (matcher.find()) {
      ids.add(matcher.group());
    }
    return ids;
  }

  /** The branch name runs are listed by: {@code refs/heads/main} dispatches as {@code main}. */
  static String branch(String ref) {
    return ref.replaceFirst("^refs/(heads|tags)/", "");
  }

  private static boolean createdBefore(JsonNode run, Instant since) {
    try {
      return Instant.parse(run.path("created_at").asText()).isBefore(since);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
