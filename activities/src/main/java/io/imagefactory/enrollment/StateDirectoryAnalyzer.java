package io.imagefactory.enrollment;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.dockerfile.AnalysisTarget;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.DockerfileAnalyzer;
import io.imagefactory.dockerfile.DockerfileSyntaxException;
import io.imagefactory.enrollment.plan.AnalysisOutcome;
import io.imagefactory.github.RebuildTargetValidator;
import io.imagefactory.statefiles.SourceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Analyses, offline, the Dockerfiles that live in a state directory (managed images without {@code
 * source.repo}), and checks their rebuild targets against the workflow files beside them ({@code
 * DIR/.github/workflows/<workflow>}). A path that leaves the directory, directly or through a
 * symbolic link, is that image's failure; images built from a source repository are reported as not
 * analysed, since nothing is fetched.
 */
public final class StateDirectoryAnalyzer {

  private final DockerfileAnalyzer analyzer = new DockerfileAnalyzer();

  /** An outcome for every managed image of {@code catalog}, by name. */
  public Map<String, AnalysisOutcome> analyse(Path root, Catalog catalog) throws IOException {
    Path realRoot = root.toRealPath();
    Map<String, AnalysisOutcome> outcomes = new TreeMap<>();
    for (ImageEntry entry : catalog.entries()) {
      if (!entry.managed()) {
        continue;
      }
      SourceConfig source = entry.source();
      outcomes.put(
          entry.name(),
          source.inStateRepo()
              ? analyse(realRoot, entry)
              : AnalysisOutcome.notAnalysed(
                  "source repository " + source.repo() + " is not fetched offline"));
    }
    return outcomes;
  }

  private AnalysisOutcome analyse(Path realRoot, ImageEntry entry) {
    SourceConfig source = entry.source();
    String path = source.dockerfile();
    try {
      String content = read(realRoot, path);
      DockerfileAnalysis analysis = analyzer.analyze(path, content, source.buildArgs());
      Optional<String> nothingToWatch = DockerfileAnalyzer.noBaseImageFound(path, analysis);
      if (nothingToWatch.isPresent()) {
        return AnalysisOutcome.failure(nothingToWatch.get());
      }
      return AnalysisOutcome.success(analysis, checkTarget(realRoot, entry));
    } catch (DockerfileSyntaxException e) {
      return AnalysisOutcome.failure(e.getMessage());
    } catch (Refused e) {
      return AnalysisOutcome.failure(path + ": " + e.getMessage());
    } catch (NoSuchFileException e) {
      return AnalysisOutcome.failure(path + ": no such file in the state directory");
    } catch (IOException e) {
      return AnalysisOutcome.failure(path + ": cannot read: " + e.getMessage());
    }
  }

  private static List<String> checkTarget(Path realRoot, ImageEntry entry) {
    AnalysisTarget target = AnalysisSelection.targetOf(entry);
    Optional<String> path = RebuildTargetValidator.workflowFile(target);
    String text = null;
    String unreadable = null;
    if (path.isPresent()) {
      try {
        text = read(realRoot, path.get());
      } catch (Refused e) {
        unreadable = path.get() + ": " + e.getMessage();
      } catch (NoSuchFileException e) {
        unreadable = path.get() + " does not exist in the state directory";
      } catch (IOException e) {
        unreadable = path.get() + ": cannot read: " + e.getMessage();
      }
    }
    return RebuildTargetValidator.problems(target, text, unreadable);
  }

  private static String read(Path realRoot, String relative) throws IOException, Refused {
    Path file = realRoot.resolve(relative).normalize();
    if (!file.startsWith(realRoot) || !file.toRealPath().startsWith(realRoot)) {
      throw new Refused("resolves outside the state directory");
    }
    if (!Files.isRegularFile(file)) {
      throw new Refused("is not a regular file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(DockerfileAnalyzer.MAX_BYTES + 1);
      if (content.length > DockerfileAnalyzer.MAX_BYTES) {
        throw new Refused("is larger than 1 MiB");
      }
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** A Dockerfile path this analyzer will not read. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }
}
