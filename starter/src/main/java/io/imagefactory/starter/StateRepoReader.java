package io.imagefactory.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Option;

/**
 * Opens the state repository for the commands that read its git history ({@code history}, {@code
 * report}): a local clone (a work tree or a bare repository), or a remote cloned bare into a
 * temporary directory that is deleted afterwards.
 */
final class StateRepoReader {

  /** What a command reads from the repository at the branch's tip. */
  @FunctionalInterface
  interface Read<T> {
    T read(Repository repo, ObjectId head) throws IOException;
  }

  /** Where the repository is: a checkout, or a remote cloned for the command. */
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

  private StateRepoReader() {}

  /**
   * Runs {@code read} on {@code stateDir} when given, else on a clone of {@code stateRepo}, at the
   * tip of {@code branch} (for a local work tree on another branch: its HEAD).
   */
  static <T> T read(Path stateDir, String stateRepo, String branch, Read<T> read)
      throws IOException {
    if (stateDir != null) {
      try (Repository repo = open(stateDir)) {
        return read.read(repo, head(repo, branch, true));
      }
    }
    Path clone = Files.createTempDirectory("image-factory-state");
    try (Git git = clone(stateRepo, branch, clone)) {
      Repository repo = git.getRepository();
      return read.read(repo, head(repo, branch, false));
    } finally {
      delete(clone);
    }
  }

  private static Repository open(Path dir) throws IOException {
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

  private static Git clone(String url, String branch, Path into) {
    try {
      return Git.cloneRepository()
          .setURI(url)
          .setDirectory(into.toFile())
          .setBare(true)
          .setBranchesToClone(List.of(Constants.R_HEADS + branch))
          .setBranch(Constants.R_HEADS + branch)
          .call();
    } catch (GitAPIException | RuntimeException e) {
      throw CommandFailure.ioError("cannot clone --state-repo " + url + ": " + e.getMessage());
    }
  }

  /** The branch when the repository has it; else, for a local work tree, HEAD. */
  private static ObjectId head(Repository repo, String branch, boolean local) throws IOException {
    ObjectId head = repo.resolve(Constants.R_HEADS + branch);
    if (head == null && local) {
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
