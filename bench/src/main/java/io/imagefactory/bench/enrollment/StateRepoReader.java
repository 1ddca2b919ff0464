package io.imagefactory.bench.enrollment;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads the state files at the tip of the bare state repository the worker pushes to. */
final class StateRepoReader {

  private final Path repo;
  private ObjectId readAt;
  private SortedMap<String, byte[]> files = new TreeMap<>();

  StateRepoReader(Path repo) {
    this.repo = repo;
  }

  /** What the fan-out needs of a base's state file. */
  record Base(String repoURL, String tag, String currentDigest, List<String> dependents) {}

  Base base(String name) throws IOException {
    BaseImageState base = snapshot().baseImages().get(name);
    if (base == null) {
      throw new IllegalStateException("no state file for base image " + name);
    }
    return new Base(base.repoURL(), base.tag(), base.currentDigest(), base.dependentImages());
  }

  /** How many image state files mention {@code digest} (a candidate, a rebuild, a build). */
  long imagesMentioning(String digest) throws IOException {
    refresh();
    return files.entrySet().stream()
        .filter(e -> e.getKey().startsWith("images/"))
        .filter(e -> new String(e.getValue(), StandardCharsets.UTF_8).contains(digest))
        .count();
  }

  /** Polls until {@code done}; false when it did not hold within {@code timeout}. */
  boolean await(Duration timeout, Check done) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.holds()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** A condition that reads git. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws IOException;
  }

  private StateSnapshot snapshot() throws IOException {
    refresh();
    return new StateSnapshotReader().read(files);
  }

  /** Reads the files again only when the tip moved. */
  private void refresh() throws IOException {
    try (Repository git = new FileRepositoryBuilder().setGitDir(repo.toFile()).build()) {
      ObjectId tip = git.resolve(Constants.R_HEADS + "main");
      if (tip == null || tip.equals(readAt)) {
        return;
      }
      SortedMap<String, byte[]> read = new TreeMap<>();
      try (RevWalk walk = new RevWalk(git);
          TreeWalk tree = new TreeWalk(git)) {
        tree.addTree(walk.parseCommit(tip).getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          String path = tree.getPathString();
          if (path.startsWith("images/") || path.startsWith("base-images/")) {
            read.put(path, git.open(tree.getObjectId(0)).getBytes());
          }
        }
      }
      files = read;
      readAt = tip;
    }
  }
}
