package io.imagefactory.staterepo;

import io.imagefactory.git.CacheLock;
import io.imagefactory.git.RemoteUrl;
import io.imagefactory.sources.GitBlobReader;
import io.imagefactory.sources.SourceFileResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state repository: reads the files at the tip of the branch, and commits batches of {@link
 * StatePatch}es. Each attempt applies the patches and the derived-file renderer to the tip, builds
 * one commit in the object database and pushes it without force, expecting the tip it started from.
 * When someone else pushed in between, the tip is fetched and the same patches are applied again,
 * so their commit is never lost, and a crash at any point leaves the remote either untouched or
 * holding one complete commit. One instance per cache directory is the single writer. The crash
 * tests halt it at the {@link CrashPoint}s, which are off by default.
 */
public final class StateRepository implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StateRepository.class);

  private final StateRepositorySettings settings;
  private final DerivedFiles derived;
  private final Backoff backoff;
  private final Clock clock;
  private final StateCache cache;
  private Consumer<ObjectId> beforePush = commit -> {};
  private final List<Consumer<String>> tipListeners = new CopyOnWriteArrayList<>();
  private ObjectId knownTip;
  // A tree whose derived files this instance rendered or found up to date; renders are pure.
  private ObjectId renderedTree;

  /** A state repository with no derived files, real backoff and the process environment. */
  public StateRepository(StateRepositorySettings settings) {
    this(settings, DerivedFiles.NONE);
  }

  /** A repository whose commits also carry the files {@code derived} renders from the state. */
  public StateRepository(StateRepositorySettings settings, DerivedFiles derived) {
    this(
        settings,
        derived,
        Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(5)),
        Clock.systemUTC(),
        System::getenv);
  }

  public StateRepository(
      StateRepositorySettings settings,
      DerivedFiles derived,
      Backoff backoff,
      Clock clock,
      Function<String, String> env) {
    this.settings = settings;
    this.derived = derived;
    this.backoff = backoff;
    this.clock = clock;
    RemoteUrl remote = RemoteUrl.parse(settings.remote());
    try (CacheLock.Held held = CacheLock.acquire(settings.cacheDir())) {
      this.cache = new StateCache(remote, settings, env);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open state cache " + settings.cacheDir(), e);
    }
  }

  /** Reads {@code images.yaml} and the state files at the tip of the branch. */
  public StateTree read() {
    return read(StateTree.STATE_FILES);
  }

  /** Reads the files whose paths {@code include} accepts, at the tip of the branch. */
  public StateTree read(Predicate<String> include) {
    try (CacheLock.Held held = lock();
        ObjectReader reader = cache.repository().newObjectReader()) {
      ObjectId tip = cache.fetch();
      knownTip = tip;
      return StateTree.read(reader, tip, include);
    } catch (IOException e) {
      throw new StateRepositoryException(
          "cannot read state cache " + settings.cacheDir() + ": " + e, true);
    }
  }

  /** Fetches the branch and returns the commit at its tip, reading no file. */
  public String fetchTip() {
    try (CacheLock.Held held = lock()) {
      ObjectId tip = cache.fetch();
      knownTip = tip;
      return tip.name();
    } catch (IOException e) {
      throw new StateRepositoryException(
          "cannot read state cache " + settings.cacheDir() + ": " + e, true);
    }
  }

  /**
   * Calls {@code listener} with the tip after each batch this instance applies (the commit it
   * pushed, or the tip it found unchanged), once the cache lock is released, on the writer's
   * thread: so it must hand any real work to another thread. Lets readers such as the webhook's
   * index follow the writer's commits without asking the repository on request threads.
   */
  public void addTipListener(Consumer<String> listener) {
    tipListeners.add(listener);
  }

  private void tipSeen(String commitId) {
    for (Consumer<String> listener : tipListeners) {
      try {
        listener.accept(commitId);
      } catch (RuntimeException e) {
        log.warn("Tip listener failed on {}: {}", commitId, e.toString());
      }
    }
  }

  /**
   * True when commit {@code descendant} is {@code ancestor} or has it in its history, so deploying
   * it deploys {@code ancestor} too. A commit this cache does not know yet is fetched for once; an
   * unknown, unrelated or malformed id is simply false.
   */
  public boolean includes(String descendant, String ancestor) {
    if (!ObjectId.isId(descendant) || !ObjectId.isId(ancestor)) {
      return false;
    }
    try (CacheLock.Held held = lock()) {
      Repository repo = cache.repository();
      ObjectId later = ObjectId.fromString(descendant);
      ObjectId earlier = ObjectId.fromString(ancestor);
      if (!repo.getObjectDatabase().has(later)) {
        knownTip = cache.fetch();
      }
      if (!repo.getObjectDatabase().has(later) || !repo.getObjectDatabase().has(earlier)) {
        return false;
      }
      try (RevWalk walk = new RevWalk(repo)) {
        return walk.isMergedInto(walk.parseCommit(earlier), walk.parseCommit(later));
      }
    } catch (IOException e) {
      throw new StateRepositoryException(
          "cannot compare " + descendant + " with " + ancestor + ": " + e, true);
    }
  }

  /**
   * Reads the files whose paths {@code include} accepts at {@code commitId}, fetching once when
   * this cache does not hold it (another worker read it). Empty when the commit is not there even
   * after a fetch, such as one a force push removed.
   */
  public Optional<StateTree> readAt(String commitId, Predicate<String> include) {
    ObjectId commit;
    try {
      commit = ObjectId.fromString(commitId);
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
    try (CacheLock.Held held = lock();
        ObjectReader reader = cache.repository().newObjectReader()) {
      if (!reader.has(commit)) {
        knownTip = cache.fetch();
        if (!reader.has(commit)) {
          return Optional.empty();
        }
      }
      return Optional.of(StateTree.read(reader, commit, include));
    } catch (IOException e) {
      throw new StateRepositoryException(
          "cannot read " + commitId + " in state cache " + settings.cacheDir() + ": " + e, true);
    }
  }

  /**
   * Reads one file (a Dockerfile kept in the state repository) at a commit returned by {@link
   * #read()}.
   */
  public SourceFileResult readFile(String commitId, String path) {
    try (CacheLock.Held held = lock()) {
      return GitBlobReader.read(
          cache.repository(), ObjectId.fromString(commitId), null, settings.branch(), path);
    } catch (IOException e) {
      throw new StateRepositoryException(
          "cannot read " + path + " at " + commitId + ": " + e, true);
    }
  }

  /**
   * Applies {@code patches} on the tip, renders derived files, commits once and pushes, re-applying
   * on a new tip when the push is rejected. Makes no commit when nothing changes.
   *
   * <p>When this instance saw the tip itself (it pushed or fetched it last), the first attempt
   * builds on that tip without fetching: the push only succeeds if the remote still points there,
   * so a stale guess costs one rejected push and never a lost commit. A batch that seems to change
   * nothing is always confirmed against a freshly fetched tip.
   *
   * <p>The patches and the renderers run outside the cache lock: they only read objects of a tip
   * already fetched, and planning a large enrollment (or matching a slow tag filter) must not stall
   * every reader of the state, such as the webhook's index. Only fetching, committing and pushing
   * hold the lock; the push's lease on the drafted tip is what keeps a draft from going stale.
   */
  public ApplyResult apply(List<? extends StatePatch> patches) {
    ApplyResult result = applyUnlocked(patches);
    tipSeen(result.commitId());
    return result;
  }

  /** The tip a draft builds on, whether it was fetched for it, and the tree rendered last. */
  private record Base(ObjectId tip, boolean fetched, ObjectId renderedTree) {}

  private ApplyResult applyUnlocked(List<? extends StatePatch> patches) {
    try {
      Base base;
      try (CacheLock.Held held = lock()) {
        ObjectId assumed = knownTip;
        knownTip = null;
        base = new Base(assumed == null ? cache.fetch() : assumed, assumed == null, renderedTree);
      }
      for (int attempt = 1; ; ) {
        PatchApplier.Draft draft = draftOutsideLock(base, patches);
        List<String> problems = derived.problems();
        try (CacheLock.Held held = lock()) {
          ObjectId tip = base.tip();
          if (draft.empty() && !base.fetched()) {
            ObjectId fresh = cache.fetch();
            // The same tip gives the same draft: no need to apply every patch a second time.
            if (!fresh.equals(tip)) {
              base = new Base(fresh, true, renderedTree);
              continue;
            }
          }
          if (draft.empty()) {
            log.info(
                "State batch of {} patch(es) changes nothing at {}", patches.size(), tip.name());
            knownTip = tip;
            renderedTree = treeId(tip);
            return new ApplyResult(
                false, tip.name(), draft.applied(), draft.rejected(), List.of(), attempt, problems);
          }
          CrashPoint.reached(CrashPoint.BEFORE_COMMIT);
          ObjectId commit = commit(tip, draft);
          CrashPoint.reached(CrashPoint.AFTER_LOCAL_COMMIT);
          beforePush.accept(commit);
          String rejection = cache.push(tip, commit);
          if (rejection == null) {
            log.info(
                "Pushed state commit {} ({} file(s), attempt {})",
                commit.name(),
                draft.changes().size(),
                attempt);
            knownTip = commit;
            renderedTree = treeId(commit);
            return new ApplyResult(
                true,
                commit.name(),
                draft.applied(),
                draft.rejected(),
                draft.changedPaths(),
                attempt,
                problems);
          }
          if (base.fetched()) {
            if (attempt >= settings.maxPushAttempts()) {
              throw new StateRepositoryException(
                  "push to state repository "
                      + settings.remote()
                      + " (branch "
                      + settings.branch()
                      + ") rejected "
                      + attempt
                      + " times, last: "
                      + rejection,
                  true);
            }
            log.info("Push of state commit rejected ({}); re-applying on the new tip", rejection);
            backoff.pause(attempt);
            attempt++;
          }
          base = new Base(cache.fetch(), true, renderedTree);
        }
      }
    } catch (IOException e) {
      throw new StateRepositoryException(
          "cannot write state cache " + settings.cacheDir() + ": " + e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateRepositoryException("interrupted while writing the state repository", true);
    }
  }

  /**
   * The draft of {@code patches} on the base's tip, made without the lock. A read that fails
   * because a concurrent repack under the lock moved the objects it wanted is made again under the
   * lock, where nothing moves.
   */
  private PatchApplier.Draft draftOutsideLock(Base base, List<? extends StatePatch> patches)
      throws IOException {
    try {
      return draft(base.tip(), base.renderedTree(), patches);
    } catch (IOException movedObjects) {
      log.info("Drafting the state batch again under the cache lock: {}", movedObjects.toString());
      try (CacheLock.Held held = lock()) {
        return draft(base.tip(), base.renderedTree(), patches);
      }
    }
  }

  @Override
  public void close() {
    cache.close();
  }

  /**
   * Runs {@code hook} after the commit is built and before it is pushed, to simulate a crash there.
   */
  void onBeforePush(Consumer<ObjectId> hook) {
    this.beforePush = hook;
  }

  private PatchApplier.Draft draft(
      ObjectId tip, ObjectId renderedTree, List<? extends StatePatch> patches) throws IOException {
    try (ObjectReader reader = cache.repository().newObjectReader()) {
      RevTree tree = CommitWriter.treeOf(reader, tip);
      StateFiles files = new StateFiles(reader, CommitWriter.index(reader, tree));
      // Derived files are a function of the state: when no patch changed a byte of a tree whose
      // derived files were already found up to date, rendering them again cannot change them.
      boolean upToDate = tree != null && tree.equals(renderedTree);
      DerivedFiles render =
          upToDate ? view -> view.modifications() == 0 ? List.of() : derived.render(view) : derived;
      return PatchApplier.apply(files, patches, render);
    }
  }

  private ObjectId treeId(ObjectId commit) throws IOException {
    try (ObjectReader reader = cache.repository().newObjectReader()) {
      RevTree tree = CommitWriter.treeOf(reader, commit);
      return tree == null ? null : tree.copy();
    }
  }

  private ObjectId commit(ObjectId tip, PatchApplier.Draft draft) throws IOException {
    PersonIdent ident =
        new PersonIdent(
            settings.committerName(), settings.committerEmail(), clock.instant(), ZoneOffset.UTC);
    String message = CommitMessage.of(draft.applied(), draft.changes());
    return CommitWriter.write(cache.repository(), tip, draft.changes(), ident, message);
  }

  private CacheLock.Held lock() throws IOException {
    return CacheLock.acquire(settings.cacheDir());
  }
}
