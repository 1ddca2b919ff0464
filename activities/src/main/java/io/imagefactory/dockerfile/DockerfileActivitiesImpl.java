package io.imagefactory.dockerfile;

import io.imagefactory.staterepo.SourceCache;
import io.imagefactory.staterepo.SourceFileResult;
import io.imagefactory.staterepo.SourceSession;
import io.imagefactory.staterepo.StateRepository;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses the Dockerfiles of one repository's images. The enrollment gives each repository one
 * call, and each call one source session, so a repository is fetched once per enrollment however
 * many images live in it.
 */
public class DockerfileActivitiesImpl implements DockerfileActivities {

  private static final Logger log = LoggerFactory.getLogger(DockerfileActivitiesImpl.class);

  private final SourceCache sources;
  private final StateRepository stateRepository;
  private final DockerfileAnalyzer analyzer = new DockerfileAnalyzer();
  private final Runnable heartbeat;

  public DockerfileActivitiesImpl(SourceCache sources, StateRepository stateRepository) {
    this(sources, stateRepository, () -> Activity.getExecutionContext().heartbeat(null));
  }

  /** With {@code heartbeat} called after each image; a no-op serves outside an activity. */
  public DockerfileActivitiesImpl(
      SourceCache sources, StateRepository stateRepository, Runnable heartbeat) {
    this.sources = sources;
    this.stateRepository = stateRepository;
    this.heartbeat = heartbeat;
  }

  @Override
  public List<ImageAnalysis> analyzeGroup(AnalysisGroup group) {
    try (SourceSession session = sources.session()) {
      Function<AnalysisTarget, SourceFileResult> read =
          group.repo() == null
              ? t -> stateRepository.readFile(group.stateCommitId(), t.dockerfile())
              : t -> session.readFile(group.repo(), t.branch(), t.dockerfile());
      List<ImageAnalysis> analyses = new ArrayList<>();
      for (AnalysisTarget target : group.targets()) {
        analyses.add(analyse(target, read.apply(target)));
        heartbeat.run();
      }
      return analyses;
    }
  }

  private ImageAnalysis analyse(AnalysisTarget target, SourceFileResult file) {
    if (!file.ok()) {
      log.warn("image {}: {}", target.image(), file.message());
      return ImageAnalysis.failure(target.image(), file.message());
    }
    try {
      DockerfileAnalysis analysis =
          analyzer.analyze(target.dockerfile(), file.text(), target.buildArgs());
      return ImageAnalysis.success(target.image(), analysis, file.commitId());
    } catch (DockerfileSyntaxException e) {
      log.warn("image {}: {}", target.image(), e.getMessage());
      return ImageAnalysis.failure(target.image(), e.getMessage());
    }
  }
}
