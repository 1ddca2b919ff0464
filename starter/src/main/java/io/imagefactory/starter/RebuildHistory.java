package io.imagefactory.starter;

import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.StateFileException;
import io.imagefactory.statefiles.StateFileStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The rebuilds of one image as the state repository's history has them: every commit that changed
 * {@code images/<image>.yaml}, its {@code rebuildState.lastRebuild} and {@code history}. A rebuild
 * is in many commits as its outcome moves on; the newest commit's record of it wins.
 */
final class RebuildHistory {

  /**
   * One rebuild as last recorded.
   *
   * @param rebuild the record
   * @param commit the newest commit holding it
   * @param committedAt when that commit was made
   */
  record Entry(RebuildEntry rebuild, String commit, Instant committedAt) {}

  private RebuildHistory() {}

  /**
   * Reads the history from {@code head} back, newest rebuild first; a version of the file that
   * cannot be read is named on {@code err} and skipped.
   */
  static List<Entry> read(Repository repo, ObjectId head, String image, PrintWriter err)
      throws IOException {
    String path = StateFileStore.imagePath(image);
    Map<String, Entry> byId = new LinkedHashMap<>();
    StateFileStore store = new StateFileStore();
    int versions = 0;
    try (RevWalk walk = new RevWalk(repo)) {
      walk.sort(RevSort.COMMIT_TIME_DESC);
      walk.setRevFilter(RevFilter.ALL);
      walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
      walk.markStart(walk.parseCommit(head));
      for (RevCommit commit : walk) {
        byte[] content = blob(repo, commit, path);
        if (content == null) {
          continue; // the commit deleted the file
        }
        versions++;
        ImageState state;
        try {
          state = store.readImage(path, content);
        } catch (StateFileException e) {
          err.println(
              "history: skipped " + path + " at " + abbreviate(commit) + ": " + e.getMessage());
          continue;
        }
        if (state instanceof ManagedImageState managed && managed.rebuildState() != null) {
          for (RebuildEntry rebuild : rebuilds(managed.rebuildState())) {
            byId.putIfAbsent(
                rebuild.rebuildId(),
                new Entry(
                    rebuild, abbreviate(commit), Instant.ofEpochSecond(commit.getCommitTime())));
          }
        }
      }
    }
    if (versions == 0) {
      throw CommandFailure.invalidInput(
          "no commit of the state repository has " + path + ": is '" + image + "' enrolled?");
    }
    List<Entry> entries = new ArrayList<>(byId.values());
    entries.sort(Comparator.comparing(RebuildHistory::requestedAt).reversed());
    return entries;
  }

  /** When it was asked for; a record without the time sorts by its commit. */
  private static Instant requestedAt(Entry entry) {
    Instant at = entry.rebuild().requestedAt();
    return at != null ? at : entry.committedAt();
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

  private static byte[] blob(Repository repo, RevCommit commit, String path) throws IOException {
    try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
      if (tree == null) {
        return null;
      }
      return repo.open(tree.getObjectId(0)).getCachedBytes(StateFileStore.MAX_BYTES);
    }
  }

  private static String abbreviate(RevCommit commit) {
    return commit.abbreviate(12).name();
  }
}
