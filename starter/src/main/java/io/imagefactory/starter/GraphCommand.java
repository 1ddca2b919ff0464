package io.imagefactory.starter;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code image-factory graph}: which image is built on which, as DOT or Mermaid. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Draw which image is built on which, as Graphviz DOT or Mermaid.",
      "Draws the managed images and the bases they are built on. A managed image used as the base"
          + " of another is a cascade (its rebuild rebuilds the other), drawn in bold; a base"
          + " pinned by digest is dashed and marked pinned. External images are dashed boxes.",
      "Reads the state files with --state-dir (offline), otherwise asks the worker."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:drawn",
      "1:the worker failed to answer",
      "2:unreadable state files",
      "3:the worker cannot be reached"
    })
final class GraphCommand implements Callable<Integer> {

  /** The output formats. */
  enum Format {
    dot,
    mermaid
  }

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--format",
      defaultValue = "dot",
      description = "dot (Graphviz) or mermaid. Default: ${DEFAULT-VALUE}")
  Format format;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "A state repository checkout: read its images/ and base-images/ offline.")
  Path stateDir;

  @Override
  public Integer call() {
    ImageGraph graph =
        stateDir != null
            ? GraphSources.fromStateFiles(stateDir)
            : GraphSources.fromWorker(connection.worker());
    spec.commandLine()
        .getOut()
        .print(format == Format.dot ? DotFormat.of(graph) : MermaidFormat.of(graph));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
