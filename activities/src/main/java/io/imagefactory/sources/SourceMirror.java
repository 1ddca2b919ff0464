package io.imagefactory.sources;

import io.imagefactory.git.CacheLock;
import io.imagefactory.git.CacheMaintenance;
import io.imagefactory.git.GitCredentials;
import io.imagefactory.git.GitErrors;
import io.imagefactory.git.RemoteUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare mirror of one source repository: created once, then only fetched, one branch at a time
 * and shallow where the server allows it. All work on it happens under its {@link CacheLock}, and a
 * fetch that started after a caller asked for a branch serves that caller too, so concurrent
 * analyses of the same repository never fetch twice for nothing.
 */
final class SourceMirror implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SourceMirror.class);

  /** The result of fetching a branch: its tip, or why there is none. */
  record BranchTip(ObjectId commit, SourceProblem problem, String reason) {}

  private record Fetched(long startedAt, BranchTip tip) {}

  private final RemoteUrl remote;
  private final Path dir;
  private final GitCredentials credentials;
  private final Function<String, String> env;
  private final Duration timeout;
  private final AtomicLong clock;
  private final AtomicLong fetches;
  private final Map<String, Fetched> branches = new ConcurrentHashMap<>();
  private Repository repository;

  SourceMirror(
      RemoteUrl remote,
      Path dir,
      GitCredentials credentials,
      Function<String, String> env,
      Duration timeout,
      AtomicLong clock,
      AtomicLong fetches) {
    this.remote = remote;
    this.dir = dir;
    this.credentials = credentials;
    this.env = env;
    this.timeout = timeout;
    this.clock = clock;
    this.fetches = fetches;
  }

  /** The tip of {@code branch} from a fetch that started after {@code requestedAt}. */
  BranchTip tip(String branch, long requestedAt) throws IOException {
    try (CacheLock.Held held = CacheLock.acquire(dir)) {
      Fetched last = branches.get(branch);
      if (last != null && last.startedAt() > requestedAt) {
        return last.tip();
      }
      long startedAt = clock.incrementAndGet();
      BranchTip tip = fetch(branch);
      branches.put(branch, new Fetched(startedAt, tip));
      return tip;
    }
  }

  /** Runs {@code read} on the mirror's repository while no fetch or repack can run. */
  <T> T read(IoFunction<Repository, T> read) throws IOException {
    try (CacheLock.Held held = CacheLock.acquire(dir)) {
      return read.apply(open());
    }
  }

  /** A function that may fail with an {@link IOException}. */
  interface IoFunction<A, B> {
    B apply(A a) throws IOException;
  }

  @Override
  public synchronized void close() {
    if (repository != null) {
      repository.close();
    }
  }

  private BranchTip fetch(String branch) throws IOException {
    Repository repo = open();
    fetches.incrementAndGet();
    try {
      try {
        fetchCommand(repo, branch).setDepth(1).call();
      } catch (GitAPIException | RuntimeException e) {
        if (!GitErrors.isShallowUnsupported(e)) {
          throw e;
        }
        log.info("{} does not support shallow fetches; fetching {} in full", remote, branch);
        fetchCommand(repo, branch).call();
      }
      CacheMaintenance.afterFetch(repo);
      return new BranchTip(repo.resolve("refs/heads/" + branch), null, null);
    } catch (GitAPIException | RuntimeException e) {
      if (GitErrors.isMissingBranch(e, branch)) {
        return new BranchTip(
            null, SourceProblem.MISSING_BRANCH, "the repository has no branch " + branch);
      }
      log.warn("Fetching {} (branch {}) failed: {}", remote, branch, GitErrors.describe(e));
      return new BranchTip(
          null, SourceProblem.FETCH_FAILED, "fetch failed: " + GitErrors.describe(e));
    }
  }

  private FetchCommand fetchCommand(Repository repo, String branch) {
    FetchCommand fetch =
        Git.wrap(repo)
            .fetch()
            .setRemote(remote.url())
            .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch))
            .setTagOpt(TagOpt.NO_TAGS);
    if (remote.local()) {
      return fetch;
    }
    fetch.setTimeout((int) Math.max(1, timeout.toSeconds()));
    if (credentials != null) {
      fetch.setCredentialsProvider(credentials.provider(env, remote.url()));
    }
    return fetch;
  }

  private synchronized Repository open() throws IOException {
    if (repository == null) {
      if (!Files.exists(dir.resolve("HEAD"))) {
        try {
          Git.init().setBare(true).setGitDir(dir.toFile()).call().close();
        } catch (GitAPIException e) {
          throw new IOException("cannot create mirror " + dir, e);
        }
      }
      repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
      StoredConfig config = repository.getConfig();
      // For people looking at the cache; fetches name the URL themselves. Never holds credentials.
      config.setString("remote", "origin", "url", remote.url());
      config.save();
      CacheMaintenance.configure(repository);
    }
    return repository;
  }
}
