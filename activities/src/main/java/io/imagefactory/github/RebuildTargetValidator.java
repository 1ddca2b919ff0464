package io.imagefactory.github;

import io.imagefactory.catalog.CatalogError;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.catalog.CatalogValidator;
import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.dockerfile.AnalysisTarget;
import io.imagefactory.rebuild.InputProblem;
import io.imagefactory.rebuild.RebuildDestinations;
import io.imagefactory.rebuild.RebuildInputs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks, at enrollment, where a managed image's rebuilds go: its GitHub Actions workflow file
 * (read at the commit its Dockerfile was analysed at) and the placeholders of {@code
 * source.workflowInputs}. GitLab images get the placeholder check only. Each problem is an {@code
 * images.yaml} error naming the entry and the field, as {@link CatalogValidator}'s are, though
 * without a line: these errors are recorded in the state file, which must not change because an
 * unrelated edit moved the entry. Pure.
 */
public final class RebuildTargetValidator {

  private static final String WORKFLOW = "source.workflow";
  private static final String INPUTS = "source.workflowInputs";

  private RebuildTargetValidator() {}

  /**
   * The workflow file to read, {@code .github/workflows/<workflow>}: for a GitHub image with a
   * workflow file name. Empty for GitLab, for no workflow, and for a numeric workflow id, which
   * names no file.
   */
  public static Optional<String> workflowFile(AnalysisTarget target) {
    String workflow = target.workflow();
    boolean github = target.provider() == null || target.provider().equals("github");
    if (!github || workflow == null || workflow.isBlank() || workflow.matches("[0-9]+")) {
      return Optional.empty();
    }
    return Optional.of(GitHubWorkflowFile.DIRECTORY + workflow);
  }

  /**
   * What can be checked where the Dockerfile was read: the workflow file against the configured
   * inputs, and the placeholders' syntax. Which bases the placeholders name is checked by the
   * planner, which knows the names the bases finally get.
   *
   * @param workflowText the text of {@link #workflowFile}; null when there is none or it could not
   *     be read
   * @param unreadable when {@code workflowText} is null although there is a workflow file: why,
   *     naming the file and where it was looked for
   * @return the errors, sorted
   */
  public static List<String> problems(
      AnalysisTarget target, String workflowText, String unreadable) {
    List<String> errors = new ArrayList<>();
    Optional<String> file = workflowFile(target);
    if (file.isPresent() && workflowText == null) {
      errors.add(error(target.image(), WORKFLOW, unreadable));
    } else if (file.isPresent()) {
      try {
        GitHubWorkflowFile workflow = GitHubWorkflowFile.parse(file.get(), workflowText);
        addAll(errors, target.image(), workflow.check(target.workflowInputs()));
      } catch (WorkflowFileException e) {
        errors.add(error(target.image(), WORKFLOW, e.getMessage()));
      }
    }
    addAll(errors, target.image(), RebuildInputs.check(target.workflowInputs()));
    return sorted(errors);
  }

  /** The error of an image whose rebuilds this worker could send nowhere, if it is one. */
  public static Optional<String> destinationProblem(
      AnalysisTarget target, boolean inStateRepository, RebuildDestinations destinations) {
    return destinations
        .problem(target.provider(), inStateRepository)
        .map(message -> error(target.image(), "source.repo", message));
  }

  /**
   * The errors of an analysed image: those found where its Dockerfile was read, plus each
   * placeholder naming none of {@code baseNames}, sorted.
   *
   * @param baseNames the names of what the image is built on, as its state file records them
   */
  public static List<String> withBaseProblems(
      List<String> found, ImageEntry entry, Collection<String> baseNames) {
    List<String> errors = new ArrayList<>(found);
    Map<String, String> inputs = entry.source().workflowInputs();
    addAll(errors, entry.name(), RebuildInputs.checkBases(inputs, baseNames));
    return sorted(errors);
  }

  private static void addAll(List<String> errors, String image, List<InputProblem> problems) {
    for (InputProblem problem : problems) {
      String field = problem.input() == null ? WORKFLOW : INPUTS + "." + problem.input();
      errors.add(error(image, field, problem.message()));
    }
  }

  private static String error(String image, String field, String message) {
    return new CatalogError(CatalogLoader.FILE_NAME, 0, 0, image, field, message).toString();
  }

  private static List<String> sorted(List<String> errors) {
    return List.copyOf(new TreeSet<>(errors));
  }
}
