package io.imagefactory.staterepo;

import io.imagefactory.git.CacheMaintenance;
import io.imagefactory.git.GitErrors;
import io.imagefactory.git.RemoteUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;

/**
 * The local bare cache of the state repository: fetches the branch's tip and pushes a commit built
 * on it. A bare repository because nothing is ever checked out (commits are built in the object
 * database), so a crash can leave at most unreferenced objects behind and never a dirty working
 * tree; each attempt starts again from the freshly fetched tip.
 */
final class StateCache implements AutoCloseable {

  private final RemoteUrl remote;
  private final String branch;
  private final StateRepositorySettings settings;
  private final Function<String, String> env;
  private final Repository repository;

  StateCache(RemoteUrl remote, StateRepositorySettings settings, Function<String, String> env)
      throws IOException {
    this.remote = remote;
    this.branch = settings.branch();
    this.settings = settings;
    this.env = env;
    this.repository = open(settings.cacheDir());
  }

  Repository repository() {
    return repository;
  }

  /** Fetches the branch and returns its tip; fails clearly when the branch does not exist. */
  ObjectId fetch() {
    FetchCommand fetch =
        Git.wrap(repository)
            .fetch()
            .setRemote(remote.url())
            .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + trackingRef()))
            .setTagOpt(TagOpt.NO_TAGS);
    try {
      authorize(fetch).call();
      ObjectId tip = repository.resolve(trackingRef());
      CacheMaintenance.afterFetch(repository);
      return tip;
    } catch (GitAPIException | IOException | RuntimeException e) {
      if (GitErrors.isMissingBranch(e, branch)) {
        throw new StateRepositoryException(
            "state repository " + remote + " has no branch " + branch, false);
      }
      throw failure("fetch", e);
    }
  }

  /**
   * Pushes {@code commit} to the branch if the remote still points at {@code expectedTip}; never
   * forces. Returns null on success, or the server's reason when the push was rejected.
   */
  String push(ObjectId expectedTip, ObjectId commit) {
    String ref = "refs/heads/" + branch;
    PushCommand push =
        Git.wrap(repository)
            .push()
            .setRemote(remote.url())
            .setRefSpecs(new RefSpec(commit.name() + ":" + ref))
            .setRefLeaseSpecs(new RefLeaseSpec(ref, expectedTip.name()));
    try {
      for (PushResult result : authorize(push).call()) {
        RemoteRefUpdate update = result.getRemoteUpdate(ref);
        if (update.getStatus() != RemoteRefUpdate.Status.OK
            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          return update.getStatus()
              + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")");
        }
      }
      recordPushed(commit);
      return null;
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw failure("push to", e);
    }
  }

  @Override
  public void close() {
    repository.close();
  }

  private String trackingRef() {
    return "refs/remotes/origin/" + branch;
  }

  private void recordPushed(ObjectId commit) throws IOException {
    RefUpdate update = repository.updateRef(trackingRef());
    update.setNewObjectId(commit);
    update.forceUpdate();
  }

  private <C extends TransportCommand<C, ?>> C authorize(C command) {
    if (remote.local()) {
      return command;
    }
    command.setTimeout((int) Math.max(1, settings.timeout().toSeconds()));
    if (settings.credentials() != null) {
      command.setCredentialsProvider(settings.credentials().provider(env, settings.remote()));
    }
    return command;
  }

  private StateRepositoryException failure(String verb, Exception e) {
    return new StateRepositoryException(
        "could not "
            + verb
            + " state repository "
            + remote
            + " (branch "
            + branch
            + "): "
            + GitErrors.describe(e),
        true);
  }

  private static Repository open(Path dir) throws IOException {
    boolean fresh = !Files.exists(dir.resolve("HEAD"));
    if (fresh) {
      try {
        Git.init().setBare(true).setGitDir(dir.toFile()).call().close();
      } catch (GitAPIException e) {
        throw new IOException("cannot create the state cache in " + dir, e);
      }
    }
    Repository repository =
        new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    CacheMaintenance.configure(repository);
    return repository;
  }
}
