package io.imagefactory.staterepo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Builds real repositories for tests and benchmarks: bare "remotes" with commits written straight
 * into them, including entries a checkout could not make (symlinks, submodules).
 */
public final class GitFixtures {

  public static final PersonIdent HUMAN =
      new PersonIdent(
          "Platform Team",
          "platform@example.com",
          Instant.parse("2025-01-01T00:00:00Z"),
          ZoneOffset.UTC);

  private GitFixtures() {}

  /**
   * Creates an empty bare repository at {@code dir} whose HEAD is {@code main}. Like a git server,
   * it repacks after pushes once packs pile up, in the foreground, so that a test pushing hundreds
   * of times keeps a handful of packs.
   */
  public static Repository bare(Path dir) throws IOException {
    try {
      Repository repo =
          Git.init()
              .setBare(true)
              .setInitialBranch("main")
              .setGitDir(dir.toFile())
              .call()
              .getRepository();
      StoredConfig config = repo.getConfig();
      config.setBoolean(
          ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
      // Superseded packs go at once; the default keeps them an hour, and they pile up in a test.
      config.setString(
          ConfigConstants.CONFIG_GC_SECTION,
          null,
          ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE,
          "now");
      config.save();
      return repo;
    } catch (GitAPIException e) {
      throw new IOException(e);
    }
  }

  /** One entry of a fixture commit. */
  public record Entry(String path, FileMode mode, byte[] content, ObjectId gitlink) {
    public static Entry file(String path, String text) {
      return new Entry(path, FileMode.REGULAR_FILE, text.getBytes(StandardCharsets.UTF_8), null);
    }

    public static Entry bytes(String path, byte[] content) {
      return new Entry(path, FileMode.REGULAR_FILE, content, null);
    }

    public static Entry symlink(String path, String target) {
      return new Entry(path, FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8), null);
    }

    public static Entry submodule(String path, String commitId) {
      return new Entry(path, FileMode.GITLINK, null, ObjectId.fromString(commitId));
    }

    public static Entry delete(String path) {
      return new Entry(path, null, null, null);
    }
  }

  /** Commits text files (a null value deletes) on {@code branch} of {@code repo}. */
  public static ObjectId commit(
      Repository repo, String branch, String message, Map<String, String> files)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    files.forEach((p, t) -> entries.add(t == null ? Entry.delete(p) : Entry.file(p, t)));
    return commit(repo, branch, message, entries);
  }

  /**
   * Commits {@code entries} on top of {@code branch} (or as a root commit) and moves the branch.
   */
  public static ObjectId commit(Repository repo, String branch, String message, List<Entry> entries)
      throws IOException {
    return commit(repo, branch, message, entries, HUMAN);
  }

  /** Commits text files (a null value deletes) at {@code at}, for histories that span time. */
  public static ObjectId commitAt(
      Repository repo, String branch, String message, Map<String, String> files, Instant at)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    files.forEach((p, t) -> entries.add(t == null ? Entry.delete(p) : Entry.file(p, t)));
    return commit(repo, branch, message, entries, new PersonIdent(HUMAN, at));
  }

  private static ObjectId commit(
      Repository repo, String branch, String message, List<Entry> entries, PersonIdent ident)
      throws IOException {
    ObjectId parent = repo.resolve(Constants.R_HEADS + branch);
    DirCache index = DirCache.newInCore();
    try (ObjectInserter inserter = repo.newObjectInserter();
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      if (parent != null) {
        DirCacheBuilder builder = index.builder();
        builder.addTree(
            new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(parent).getTree());
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (Entry e : entries) {
        if (e.mode() == null) {
          editor.add(new DirCacheEditor.DeletePath(e.path()));
          continue;
        }
        ObjectId id =
            e.gitlink() != null ? e.gitlink() : inserter.insert(Constants.OBJ_BLOB, e.content());
        editor.add(
            new DirCacheEditor.PathEdit(e.path()) {
              @Override
              public void apply(DirCacheEntry ent) {
                ent.setFileMode(e.mode());
                ent.setObjectId(id);
              }
            });
      }
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(id);
      update.forceUpdate();
      return id;
    }
  }

  /** The commits reachable from {@code branch}, newest first. */
  public static List<RevCommit> history(Repository repo, String branch) throws IOException {
    List<RevCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(repo.resolve(Constants.R_HEADS + branch)));
      walk.forEach(commits::add);
    }
    return commits;
  }

  /** How many commits {@code branch} has after {@code since} (exclusive), newest first. */
  public static int commitsSince(Repository repo, String branch, ObjectId since)
      throws IOException {
    int count = 0;
    for (RevCommit commit : history(repo, branch)) {
      if (commit.getId().equals(since)) {
        break;
      }
      count++;
    }
    return count;
  }

  /** The text of {@code path} at the tip of {@code branch}, or null when there is no such file. */
  public static String read(Repository repo, String branch, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tw =
            TreeWalk.forPath(
                repo, path, walk.parseCommit(repo.resolve(Constants.R_HEADS + branch)).getTree())) {
      return tw == null
          ? null
          : new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }
}
