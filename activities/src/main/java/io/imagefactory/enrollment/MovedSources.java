package io.imagefactory.enrollment;

import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceFileResult;
import io.imagefactory.sources.SourceSession;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.SourceConfig;
import io.imagefactory.staterepo.StateRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift check: which managed images' Dockerfiles may have changed without a change to {@code
 * images.yaml}. An image in a source repository has moved when its branch's tip is not the {@code
 * sourceRevision} its state file records; one session fetches each repository and branch once,
 * however many images live there. An image kept in the state repository has moved when its
 * Dockerfile differs between the recorded commit and the tip: the state repository's own commits
 * (every rebuild record) move its tip far more often than its Dockerfiles change. A repository that
 * cannot be fetched moves nothing; the next check tries again.
 */
final class MovedSources {

  private static final Logger log = LoggerFactory.getLogger(MovedSources.class);
  // A fetch waits on the network; a few at once hide that without flooding the git host.
  private static final int PARALLEL_FETCHES = 4;

  private final StateRepository stateRepository;
  private final SourceCache sources;

  MovedSources(StateRepository stateRepository, SourceCache sources) {
    this.stateRepository = stateRepository;
    this.sources = sources;
  }

  /**
   * The names of the {@code entries} whose source moved past the revision {@code states} record; an
   * image without a recorded revision counts as moved, so its first check records one.
   *
   * @param tipCommitId the state repository commit the enrollment read
   */
  Set<String> of(List<ImageEntry> entries, Map<String, ImageState> states, String tipCommitId) {
    Set<String> moved = new TreeSet<>();
    List<ImageEntry> remote = new ArrayList<>();
    for (ImageEntry entry : entries) {
      String recorded = recordedRevision(states.get(entry.name()));
      if (entry.source().inStateRepo()) {
        if (recorded == null || localMoved(entry, recorded, tipCommitId)) {
          moved.add(entry.name());
        }
      } else if (sources != null) {
        remote.add(entry);
      }
    }
    moved.addAll(remoteMoved(remote, states));
    log.info(
        "Drift check at {}: {} of {} image(s) moved in their source",
        tipCommitId,
        moved.size(),
        entries.size());
    return moved;
  }

  private boolean localMoved(ImageEntry entry, String recorded, String tipCommitId) {
    if (recorded.equals(tipCommitId)) {
      return false;
    }
    String path = entry.source().dockerfile();
    Optional<String> before = textAt(recorded, path);
    return before.isEmpty() || !before.equals(textAt(tipCommitId, path));
  }

  /** The Dockerfile's text at {@code commitId}; empty when it or the commit cannot be read. */
  private Optional<String> textAt(String commitId, String path) {
    try {
      SourceFileResult file = stateRepository.readFile(commitId, path);
      return file.ok() ? Optional.of(file.text()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private Set<String> remoteMoved(List<ImageEntry> entries, Map<String, ImageState> states) {
    Set<String> moved = new TreeSet<>();
    if (entries.isEmpty()) {
      return moved;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_FETCHES, entries.size()));
    try (SourceSession session = sources.session()) {
      List<Future<Optional<String>>> checks = new ArrayList<>();
      for (ImageEntry entry : entries) {
        checks.add(pool.submit(() -> remoteMoved(session, entry, states.get(entry.name()))));
      }
      for (Future<Optional<String>> check : checks) {
        check.get().ifPresent(moved::add);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the drift check", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("drift check failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return moved;
  }

  private static Optional<String> remoteMoved(
      SourceSession session, ImageEntry entry, ImageState state) {
    SourceConfig source = entry.source();
    // The session fetches a repository and branch on its first read and reuses that tip after.
    SourceFileResult file =
        session.readFile(source.repo(), source.effectiveBranch(), source.dockerfile());
    if (file.commitId() == null) {
      log.warn("Drift check of image {}: {}", entry.name(), file.message());
      return Optional.empty();
    }
    return Objects.equals(file.commitId(), recordedRevision(state))
        ? Optional.empty()
        : Optional.of(entry.name());
  }

  private static String recordedRevision(ImageState state) {
    return state instanceof ManagedImageState managed ? managed.sourceRevision() : null;
  }
}
