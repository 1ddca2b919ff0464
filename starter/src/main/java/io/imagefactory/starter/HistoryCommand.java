package io.imagefactory.starter;

import io.imagefactory.catalog.StateFileStore;
import io.imagefactory.staterepo.RebuildHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code image-factory history}: the rebuilds of an image, from the state repository's git log. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Show the rebuild history of an image from git.",
      "Reads every commit of the state repository that changed images/<image>.yaml and lists the"
          + " rebuilds they record, newest first, each as its newest commit has it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the history was read",
      "1:the repository cannot be read or cloned",
      "2:no such image in the history, or no such directory or branch"
    })
final class HistoryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", description = "The managed image.")
  String image;

  @ArgGroup(multiplicity = "1")
  StateRepoReader.Source source;

  @Option(
      names = "--branch",
      paramLabel = "BRANCH",
      defaultValue = "${env:IMAGE_FACTORY_STATE_REPO_BRANCH:-main}",
      description = "The state branch. Default: ${DEFAULT-VALUE}")
  String branch;

  @Option(names = "--json", description = "Print the rebuilds as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<RebuildHistory.Entry> entries =
        StateRepoReader.read(
            source.stateDir,
            source.stateRepo,
            branch,
            (repo, head) -> {
              RebuildHistory history =
                  RebuildHistory.ofImage(
                      repo, head, image, skip -> err.println("history: " + skip));
              if (!history.images().contains(image)) {
                throw CommandFailure.invalidInput(
                    "no commit of the state repository has "
                        + StateFileStore.imagePath(image)
                        + ": is '"
                        + image
                        + "' enrolled?");
              }
              return history.entries();
            });
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? CliJson.write(HistoryText.json(entries)) + "\n" : HistoryText.table(entries));
    out.flush();
    return ExitCodes.OK;
  }
}
