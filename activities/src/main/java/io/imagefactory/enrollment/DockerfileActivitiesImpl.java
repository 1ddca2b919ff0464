package io.imagefactory.enrollment;

import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.AnalysisTarget;
import io.imagefactory.dockerfile.DockerfileActivities;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.DockerfileAnalyzer;
import io.imagefactory.dockerfile.DockerfileSyntaxException;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.github.RebuildTargetValidator;
import io.imagefactory.rebuild.RebuildDestinations;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceFileResult;
import io.imagefactory.sources.SourceProblem;
import io.imagefactory.sources.SourceSession;
import io.imagefactory.staterepo.StateRepository;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses the Dockerfiles of one repository's images, and checks where each image's rebuilds go
 * against its workflow file at the same commit. The enrollment gives each repository one call, and
 * each call one source session, so a repository is fetched once per enrollment however many images
 * live in it.
 */
public class DockerfileActivitiesImpl implements DockerfileActivities {

  private static final Logger log = LoggerFactory.getLogger(DockerfileActivitiesImpl.class);

  private final SourceCache sources;
  private final StateRepository stateRepository;
  private final DockerfileAnalyzer analyzer = new DockerfileAnalyzer();
  private final Runnable heartbeat;
  private final RebuildDestinations destinations;

  public DockerfileActivitiesImpl(
      SourceCache sources, StateRepository stateRepository, RebuildDestinations destinations) {
    this(
        sources,
        stateRepository,
        destinations,
        () -> Activity.getExecutionContext().heartbeat(null));
  }

  /** With {@code heartbeat} called after each image; a no-op serves outside an activity. */
  public DockerfileActivitiesImpl(
      SourceCache sources, StateRepository stateRepository, Runnable heartbeat) {
    this(sources, stateRepository, RebuildDestinations.recordingOnly(), heartbeat);
  }

  /**
   * @param destinations where this worker can send rebuilds; an image with nowhere to go is a
   *     problem of its rebuild target
   */
  public DockerfileActivitiesImpl(
      SourceCache sources,
      StateRepository stateRepository,
      RebuildDestinations destinations,
      Runnable heartbeat) {
    this.sources = sources;
    this.stateRepository = stateRepository;
    this.destinations = destinations;
    this.heartbeat = heartbeat;
  }

  @Override
  public List<ImageAnalysis> analyzeGroup(AnalysisGroup group) {
    try (SourceSession session = sources.session()) {
      // A session reads every file of a repository and branch at the commit it fetched first, so
      // the workflow file is read at the Dockerfile's commit without another fetch.
      BiFunction<AnalysisTarget, String, SourceFileResult> read =
          group.repo() == null
              ? (t, path) -> stateRepository.readFile(group.stateCommitId(), path)
              : (t, path) -> session.readFile(group.repo(), t.branch(), path);
      List<ImageAnalysis> analyses = new ArrayList<>();
      for (AnalysisTarget target : group.targets()) {
        ImageAnalysis analysis = analyse(target, read.apply(target, target.dockerfile()));
        if (analysis.succeeded()) {
          List<String> problems = new ArrayList<>(checkTarget(target, read));
          RebuildTargetValidator.destinationProblem(target, group.repo() == null, destinations)
              .ifPresent(problems::add);
          analysis = analysis.withBuildProblems(List.copyOf(new java.util.TreeSet<>(problems)));
        }
        analyses.add(analysis);
        heartbeat.run();
      }
      return analyses;
    }
  }

  private static List<String> checkTarget(
      AnalysisTarget target, BiFunction<AnalysisTarget, String, SourceFileResult> read) {
    Optional<String> path = RebuildTargetValidator.workflowFile(target);
    SourceFileResult workflow = path.map(p -> read.apply(target, p)).orElse(null);
    boolean found = workflow != null && workflow.ok();
    List<String> problems =
        RebuildTargetValidator.problems(
            target,
            found ? workflow.text() : null,
            workflow == null || found ? null : unreadable(workflow));
    if (!problems.isEmpty()) {
      log.warn("image {}: the rebuild target is invalid: {}", target.image(), problems);
    }
    return problems;
  }

  /**
   * {@code .github/workflows/build.yml does not exist in org/api at commit 1a2b3c4 (branch main)}.
   */
  private static String unreadable(SourceFileResult file) {
    if (file.problem() != SourceProblem.MISSING_FILE || file.commitId() == null) {
      return file.message();
    }
    String where = file.repo() == null ? "the state repository" : file.repo();
    String commit = file.commitId().substring(0, Math.min(7, file.commitId().length()));
    return file.path()
        + " does not exist in "
        + where
        + " at commit "
        + commit
        + " (branch "
        + file.branch()
        + ")";
  }

  private ImageAnalysis analyse(AnalysisTarget target, SourceFileResult file) {
    if (!file.ok()) {
      log.warn("image {}: {}", target.image(), file.message());
      return ImageAnalysis.failure(target.image(), file.message());
    }
    try {
      DockerfileAnalysis analysis =
          analyzer.analyze(target.dockerfile(), file.text(), target.buildArgs());
      Optional<String> nothingToWatch =
          DockerfileAnalyzer.noBaseImageFound(target.dockerfile(), analysis);
      if (nothingToWatch.isPresent()) {
        log.warn("image {}: {}", target.image(), nothingToWatch.get());
        return ImageAnalysis.failure(target.image(), nothingToWatch.get());
      }
      return ImageAnalysis.success(target.image(), analysis, file.commitId());
    } catch (DockerfileSyntaxException e) {
      log.warn("image {}: {}", target.image(), e.getMessage());
      return ImageAnalysis.failure(target.image(), e.getMessage());
    }
  }
}
