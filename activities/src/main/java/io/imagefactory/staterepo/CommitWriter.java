package io.imagefactory.staterepo;

import io.imagefactory.statefiles.FileChange;
import java.io.IOException;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Builds commits straight in the object database: the parent's tree is loaded into an in-core
 * index, the changed blobs are edited in, and the new tree is written. No working tree is ever
 * checked out, which keeps a 10,000-file repository cheap to commit to.
 */
final class CommitWriter {

  private CommitWriter() {}

  /** Every file of {@code tree} (null for an empty repository) with its blob id, sorted by path. */
  static TreeMap<String, ObjectId> index(ObjectReader reader, RevTree tree) throws IOException {
    TreeMap<String, ObjectId> files = new TreeMap<>();
    if (tree == null) {
      return files;
    }
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        if (walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
          files.put(walk.getPathString(), walk.getObjectId(0));
        }
      }
    }
    return files;
  }

  /** The tree of {@code commit}. */
  static RevTree treeOf(ObjectReader reader, ObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(reader)) {
      return walk.parseCommit(commit).getTree();
    }
  }

  /** Writes a commit of {@code parent}'s tree plus {@code changes} on top of {@code parent}. */
  static ObjectId write(
      Repository repository,
      ObjectId parent,
      List<FileChange> changes,
      PersonIdent ident,
      String message)
      throws IOException {
    DirCache index = DirCache.newInCore();
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      if (parent != null) {
        RevTree parentTree = treeOf(reader, parent);
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parentTree);
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (FileChange change : changes) {
        if (change.deletes()) {
          editor.add(new DirCacheEditor.DeletePath(change.path()));
        } else {
          ObjectId blob = inserter.insert(Constants.OBJ_BLOB, change.content());
          editor.add(new SetBlob(change.path(), blob, change.content().length));
        }
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
      return id;
    }
  }

  /** Points an index entry at a new blob; an executable file stays executable. */
  private static final class SetBlob extends DirCacheEditor.PathEdit {
    private final ObjectId blob;
    private final int length;

    SetBlob(String path, ObjectId blob, int length) {
      super(path);
      this.blob = blob;
      this.length = length;
    }

    @Override
    public void apply(DirCacheEntry entry) {
      if (!FileMode.EXECUTABLE_FILE.equals(entry.getFileMode())) {
        entry.setFileMode(FileMode.REGULAR_FILE);
      }
      entry.setObjectId(blob);
      entry.setLength(length);
    }
  }
}
