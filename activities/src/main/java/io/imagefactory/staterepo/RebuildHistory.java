package io.imagefactory.staterepo;

import io.imagefactory.reference.ResourceNames;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.StateFileException;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The rebuilds the state repository's history records: every commit that changed a state file under
 * {@code images/}, its {@code rebuildState.lastRebuild} and {@code history}. A rebuild is in many
 * commits as its outcome moves on; the newest commit's record of it wins, and the outcomes it went
 * through are kept, each with the commit that first recorded it. Records the state file has since
 * dropped (its history is bounded) and images since removed are still found.
 */
public final class RebuildHistory {

  /**
   * One rebuild as last recorded.
   *
   * @param image the managed image
   * @param rebuild the record
   * @param commit the newest commit holding it, abbreviated
   * @param committedAt when that commit was made
   * @param steps each outcome it had, oldest first, with the commit that first recorded it
   */
  public record Entry(
      String image, RebuildEntry rebuild, String commit, Instant committedAt, List<Step> steps) {

    public Entry {
      steps = List.copyOf(steps);
    }

    /** When it was asked for; a record without the time counts from its first commit. */
    public Instant requestedAt() {
      if (rebuild.requestedAt() != null) {
        return rebuild.requestedAt();
      }
      return steps.isEmpty() ? committedAt : steps.get(0).committedAt();
    }
  }

  /**
   * An outcome of a rebuild and the commit that first recorded it.
   *
   * @param outcome the outcome; null while none was recorded
   */
  public record Step(String outcome, String commit, Instant committedAt) {}

  private static final Comparator<Entry> NEWEST_FIRST =
      Comparator.comparing(Entry::requestedAt)
          .reversed()
          .thenComparing(Entry::image)
          .thenComparing(e -> e.rebuild().rebuildId());

  private final Set<String> images;
  private final List<Entry> entries;

  private RebuildHistory(Set<String> images, List<Entry> entries) {
    this.images = images;
    this.entries = entries;
  }

  /**
   * The history of one image from {@code head} back; a version of its file that cannot be read is
   * named to {@code skipped} and passed over.
   */
  public static RebuildHistory ofImage(
      Repository repo, ObjectId head, String image, Consumer<String> skipped) throws IOException {
    return read(repo, head, StateFileStore.imagePath(image), skipped);
  }

  /** The history of every image that ever had a state file, from {@code head} back. */
  public static RebuildHistory ofAllImages(Repository repo, ObjectId head, Consumer<String> skipped)
      throws IOException {
    return read(repo, head, StateFileStore.IMAGES_DIR, skipped);
  }

  /** The images some commit has a state file of, sorted; removed images included. */
  public Set<String> images() {
    return images;
  }

  /** Every rebuild, newest requested first (then by image and id). */
  public List<Entry> entries() {
    return entries;
  }

  private static RebuildHistory read(
      Repository repo, ObjectId head, String filterPath, Consumer<String> skipped)
      throws IOException {
    Map<String, Collected> byId = new LinkedHashMap<>();
    Set<String> images = new TreeSet<>();
    StateFileStore store = new StateFileStore();
    TreeFilter filter = AndTreeFilter.create(PathFilter.create(filterPath), TreeFilter.ANY_DIFF);
    try (RevWalk walk = new RevWalk(repo)) {
      walk.sort(RevSort.COMMIT_TIME_DESC);
      walk.setRevFilter(RevFilter.ALL);
      walk.setTreeFilter(filter);
      walk.markStart(walk.parseCommit(head));
      for (RevCommit commit : walk) {
        for (Version version : changedImages(repo, walk, commit, filter)) {
          images.add(version.image());
          ImageState state;
          try {
            state = store.readImage(version.path(), version.content());
          } catch (StateFileException e) {
            skipped.accept(
                "skipped " + version.path() + " at " + abbreviate(commit) + ": " + e.getMessage());
            continue;
          }
          if (state instanceof ManagedImageState managed && managed.rebuildState() != null) {
            for (RebuildEntry rebuild : rebuilds(managed.rebuildState())) {
              byId.computeIfAbsent(
                      version.image() + "\u0000" + rebuild.rebuildId(),
                      k -> new Collected(version.image(), rebuild, commit))
                  .olderVersion(rebuild, commit);
            }
          }
        }
      }
    }
    List<Entry> entries = new ArrayList<>();
    byId.values().forEach(c -> entries.add(c.entry()));
    entries.sort(NEWEST_FIRST);
    return new RebuildHistory(Collections.unmodifiableSet(images), List.copyOf(entries));
  }

  /** A state file's content at one commit. */
  private record Version(String image, String path, byte[] content) {}

  /**
   * The image state files {@code commit} changed against its (simplified) parents, at {@code
   * commit}; deleted files, other entries than regular files and invalid names are left out.
   */
  private static List<Version> changedImages(
      Repository repo, RevWalk walk, RevCommit commit, TreeFilter filter) throws IOException {
    List<Version> versions = new ArrayList<>();
    try (TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(commit.getTree());
      for (RevCommit parent : commit.getParents()) {
        tree.addTree(walk.parseCommit(parent).getTree());
      }
      tree.setRecursive(true);
      // With one tree (a root commit) ANY_DIFF takes every file as changed.
      tree.setFilter(filter);
      while (tree.next()) {
        if (!FileMode.REGULAR_FILE.equals(tree.getFileMode(0))
            && !FileMode.EXECUTABLE_FILE.equals(tree.getFileMode(0))) {
          continue;
        }
        String path = tree.getPathString();
        Optional<String> image = StateSnapshotReader.nameIn(path, StateFileStore.IMAGES_DIR);
        if (image.isEmpty() || !ResourceNames.isValid(image.get())) {
          continue;
        }
        byte[] content;
        try {
          content =
              repo.open(tree.getObjectId(0), Constants.OBJ_BLOB)
                  .getCachedBytes(StateFileStore.MAX_BYTES);
        } catch (LargeObjectException e) {
          continue;
        }
        versions.add(new Version(image.get(), path, content));
      }
    }
    return versions;
  }

  private static List<RebuildEntry> rebuilds(RebuildState state) {
    List<RebuildEntry> rebuilds = new ArrayList<>();
    if (state.lastRebuild() != null) {
      rebuilds.add(state.lastRebuild());
    }
    rebuilds.addAll(state.history());
    rebuilds.removeIf(r -> r.rebuildId() == null);
    return rebuilds;
  }

  private static String abbreviate(RevCommit commit) {
    return commit.abbreviate(12).name();
  }

  private static Instant timeOf(RevCommit commit) {
    return Instant.ofEpochSecond(commit.getCommitTime());
  }

  /** One rebuild met walking back: its newest record, and its outcomes newest first. */
  private static final class Collected {

    private final String image;
    private final RebuildEntry newest;
    private final RevCommit newestCommit;
    private final List<Step> stepsNewestFirst = new ArrayList<>();

    Collected(String image, RebuildEntry newest, RevCommit newestCommit) {
      this.image = image;
      this.newest = newest;
      this.newestCommit = newestCommit;
    }

    /** The record as an older commit has it: the same outcome moves its first commit back. */
    void olderVersion(RebuildEntry rebuild, RevCommit commit) {
      Step step = new Step(rebuild.outcome(), abbreviate(commit), timeOf(commit));
      int last = stepsNewestFirst.size() - 1;
      if (last >= 0 && Objects.equals(stepsNewestFirst.get(last).outcome(), rebuild.outcome())) {
        stepsNewestFirst.set(last, step);
      } else {
        stepsNewestFirst.add(step);
      }
    }

    Entry entry() {
      List<Step> steps = new ArrayList<>(stepsNewestFirst);
      Collections.reverse(steps);
      return new Entry(image, newest, abbreviate(newestCommit), timeOf(newestCommit), steps);
    }
  }
}
