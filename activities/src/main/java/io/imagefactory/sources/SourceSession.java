package io.imagefactory.sources;

import io.imagefactory.git.RemoteUrl;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.Repository;

/**
 * One enrollment's view of the source repositories: the first read of a repository and branch
 * fetches it, every later read (from any thread) uses that same commit. Reads never throw for a bad
 * image; they return a {@link SourceFileResult} naming the problem.
 */
public final class SourceSession implements AutoCloseable {

  private final SourceCache cache;
  private final Map<String, CompletableFuture<SourceMirror.BranchTip>> tips =
      new ConcurrentHashMap<>();

  SourceSession(SourceCache cache) {
    this.cache = cache;
  }

  /**
   * Reads the file at {@code path} at the tip of {@code branch} (default {@code main}) of the
   * source repository {@code configuredRepo} ({@code owner/name} or URL, as in {@code
   * source.repo}).
   */
  public SourceFileResult readFile(String configuredRepo, String branch, String path) {
    // A URL with a pasted token is refused below; it must not echo back through the result either.
    String repo = configuredRepo == null ? null : RemoteUrl.redact(configuredRepo);
    String b = branch == null || branch.isBlank() ? "main" : branch.strip();
    RemoteUrl remote;
    try {
      remote = cache.hosts().resolve(configuredRepo);
    } catch (IllegalArgumentException e) {
      return SourceFileResult.failed(
          repo, b, path, null, SourceProblem.REPOSITORY_NOT_ALLOWED, e.getMessage());
    }
    if (!Repository.isValidRefName("refs/heads/" + b)) {
      return SourceFileResult.failed(
          repo,
          b,
          path,
          null,
          SourceProblem.MISSING_BRANCH,
          "'" + b + "' is not a valid branch name");
    }
    SourceMirror mirror = cache.mirror(remote);
    SourceMirror.BranchTip tip = tip(mirror, remote.url() + "#" + b, b);
    if (tip.commit() == null) {
      return SourceFileResult.failed(repo, b, path, null, tip.problem(), tip.reason());
    }
    try {
      return mirror.read(r -> GitBlobReader.read(r, tip.commit(), repo, b, path));
    } catch (IOException e) {
      return SourceFileResult.failed(
          repo,
          b,
          path,
          tip.commit().name(),
          SourceProblem.FETCH_FAILED,
          "the local mirror could not be read: " + e.getMessage());
    }
  }

  /** Sessions hold no resources of their own; closing marks the end of an enrollment. */
  @Override
  public void close() {
    tips.clear();
  }

  private SourceMirror.BranchTip tip(SourceMirror mirror, String key, String branch) {
    CompletableFuture<SourceMirror.BranchTip> mine = new CompletableFuture<>();
    CompletableFuture<SourceMirror.BranchTip> existing = tips.putIfAbsent(key, mine);
    if (existing != null) {
      return existing.join();
    }
    long requestedAt = cache.now();
    try {
      mine.complete(mirror.tip(branch, requestedAt));
    } catch (IOException | RuntimeException e) {
      mine.complete(
          new SourceMirror.BranchTip(
              null, SourceProblem.FETCH_FAILED, "fetch failed: " + e.getMessage()));
    } finally {
      // Whatever happened, threads waiting on this repository must not wait forever.
      mine.complete(
          new SourceMirror.BranchTip(null, SourceProblem.FETCH_FAILED, "fetch did not complete"));
    }
    return mine.join();
  }
}
