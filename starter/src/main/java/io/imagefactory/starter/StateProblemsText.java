package io.imagefactory.starter;

import io.imagefactory.WorkflowIds;
import io.imagefactory.staterepo.StateRepoStatus;
import io.imagefactory.staterepo.StateRepoWorkflow;
import io.temporal.client.WorkflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The state problems the single writer's last commit found (entries Kargo cannot watch, left out of
 * the manifests), for {@code status}: an image that silently goes unwatched would otherwise show as
 * healthy there.
 */
final class StateProblemsText {

  private StateProblemsText() {}

  /** The lines for the problems {@code relevant} accepts; none when the writer cannot be asked. */
  static List<String> of(TemporalSession temporal, Predicate<String> relevant) {
    StateRepoStatus status;
    try {
      status =
          temporal.client.newWorkflowStub(StateRepoWorkflow.class, WorkflowIds.STATE_REPO).status();
    } catch (WorkflowException | IllegalStateException notRunning) {
      return List.of();
    }
    List<String> problems = status.stateProblems().stream().filter(relevant).toList();
    if (problems.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("State problems at the last commit (fix them in images.yaml):");
    problems.forEach(problem -> lines.add("  error: " + problem));
    return lines;
  }

  /** Accepts the problems of the state file of image or base {@code name}. */
  static Predicate<String> about(String name) {
    return problem ->
        problem.contains(" images/" + name + ".yaml:")
            || problem.contains(" base-images/" + name + ".yaml:");
  }
}
