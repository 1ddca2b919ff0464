package io.imagefactory.starter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
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
  Source source;

  @Option(
      names = "--branch",
      paramLabel = "BRANCH",
      defaultValue = "${env:IMAGE_FACTORY_STATE_REPO_BRANCH:-main}",
      description = "The state branch. Default: ${DEFAULT-VALUE}")
  String branch;

  @Option(names = "--json", description = "Print the rebuilds as JSON.")
  boolean json;

  /** Where the history is: a checkout, or a remote cloned for the command. */
  static final class Source {

    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        required = true,
        description = "A clone of the state repository (a work tree or a bare repository).")
    Path stateDir;

    @Option(
        names = "--state-repo",
        paramLabel = "URL",
        required = true,
        description = "The state repository, cloned (bare) into a temporary directory.")
    String stateRepo;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<RebuildHistory.Entry> entries;
    if (source.stateDir != null) {
      try (Repository repo = open(source.stateDir)) {
        entries = RebuildHistory.read(repo, head(repo), image, spec.commandLine().getErr());
      }
    } else {
      Path clone = Files.createTempDirectory("image-factory-history");
      try (Git git = clone(clone)) {
        Repository repo = git.getRepository();
        entries = RebuildHistory.read(repo, head(repo), image, spec.commandLine().getErr());
      } finally {
        delete(clone);
      }
    }
    out.print(json ? CliJson.write(HistoryText.json(entries)) + "\n" : HistoryText.table(entries));
    out.flush();
    return ExitCodes.OK;
  }

  private Repository open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw CommandFailure.invalidInput("--state-dir " + dir + " is not a directory");
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder();
    builder.findGitDir(dir.toFile());
    if (builder.getGitDir() == null && Files.isRegularFile(dir.resolve("HEAD"))) {
      builder.setGitDir(dir.toFile()); // a bare repository
    }
    if (builder.getGitDir() == null) {
      throw CommandFailure.invalidInput("--state-dir " + dir + " is not in a git repository");
    }
    return builder.setMustExist(true).build();
  }

  private Git clone(Path into) {
    try {
      return Git.cloneRepository()
          .setURI(source.stateRepo)
          .setDirectory(into.toFile())
          .setBare(true)
          .setBranchesToClone(List.of(Constants.R_HEADS + branch))
          .setBranch(Constants.R_HEADS + branch)
          .call();
    } catch (GitAPIException | RuntimeException e) {
      throw CommandFailure.ioError(
          "cannot clone --state-repo " + source.stateRepo + ": " + e.getMessage());
    }
  }

  /** The branch when the repository has it; else, for a work tree on another branch, HEAD. */
  private ObjectId head(Repository repo) throws IOException {
    ObjectId head = repo.resolve(Constants.R_HEADS + branch);
    if (head == null && source.stateDir != null) {
      head = repo.resolve(Constants.HEAD);
    }
    if (head == null) {
      throw CommandFailure.invalidInput("the state repository has no branch " + branch);
    }
    return head;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
