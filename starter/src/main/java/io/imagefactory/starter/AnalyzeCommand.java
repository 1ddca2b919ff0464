package io.imagefactory.starter;

import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.DockerfileAnalyzer;
import io.imagefactory.dockerfile.DockerfileSyntaxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code image-factory analyze}: lists the base images of one Dockerfile, offline. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Lists the base images of a Dockerfile, as enrollment would find them. Offline.")
final class AnalyzeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<Dockerfile>", description = "The Dockerfile to analyse.")
  private Path dockerfile;

  @Option(
      names = "--build-arg",
      paramLabel = "K=V",
      description = "A build arg that overrides a global ARG default; repeatable.")
  private Map<String, String> buildArgs = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print JSON instead of a table.")
  private boolean json;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException, DockerfileSyntaxException {
    String name = dockerfile.toString();
    DockerfileAnalysis analysis =
        new DockerfileAnalyzer().analyze(name, read(dockerfile), buildArgs);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? AnalysisJson.render(analysis) : AnalysisTable.render(analysis));
    out.flush();
    return ExitCodes.OK;
  }

  private static String read(Path path) throws IOException, DockerfileSyntaxException {
    try {
      if (Files.isDirectory(path)) {
        throw new IOException("cannot read " + path + ": it is a directory");
      }
      // Refuse before reading, so a huge file is never loaded into memory.
      if (Files.size(path) > DockerfileAnalyzer.MAX_BYTES) {
        throw new DockerfileSyntaxException(
            path.toString(), 0, "the Dockerfile is larger than 1 MiB");
      }
      return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("cannot read " + path + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException("cannot read " + path + ": permission denied", e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("cannot read ")) {
        throw e;
      }
      throw new IOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
