package io.imagefactory.worker.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The state repository of the embedded default: a bare git repository on local disk, seeded from
 * the example state repository ({@code examples/}) with one commit if it does not exist yet. Bare,
 * because the worker pushes to it; people clone it to edit {@code images.yaml}.
 */
final class LocalStateRepository {

  static final String DIRECTORY = "state-repo.git";
  private static final PersonIdent AUTHOR =
      new PersonIdent("Image Factory", "image-factory@localhost");

  private LocalStateRepository() {}

  /**
   * The repository under {@code dataDir}, created from {@code examples} on {@code branch} if
   * absent.
   *
   * @return whether it was created now
   */
  static boolean ensure(Path repository, Path examples, String branch) {
    if (Files.exists(repository)) {
      if (!Files.isRegularFile(repository.resolve("HEAD"))) {
        throw new IllegalStateException(
            repository
                + " exists but is not a bare git repository; move it away or set "
                + "image-factory.state-repo.url");
      }
      return false;
    }
    if (examples == null || !Files.isRegularFile(examples.resolve("images.yaml"))) {
      throw new IllegalStateException(
          "No state repository is configured (image-factory.state-repo.url) and there is no "
              + "example state repository to seed a local one from"
              + (examples == null
                  ? ""
                  : " (" + examples.toAbsolutePath() + "/images.yaml is missing)")
              + ": run from the repository root, or set image-factory.embedded.examples-dir");
    }
    try {
      Files.createDirectories(repository.getParent());
      // Built beside its final place and moved there, so a crash never leaves half a repository.
      Path staging = repository.resolveSibling(DIRECTORY + ".tmp-" + UUID.randomUUID());
      seed(staging, examples, branch);
      Files.move(staging, repository, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the local state repository " + repository, e);
    }
  }

  private static void seed(Path gitDir, Path examples, String branch) throws IOException {
    try (Repository repository =
            new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
        ObjectInserter inserter = repository.newObjectInserter()) {
      repository.create(true);
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (Path file : files(examples)) {
        DirCacheEntry entry = new DirCacheEntry(gitPath(examples.relativize(file)));
        entry.setFileMode(
            Files.isExecutable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
        entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(file)));
        builder.add(entry);
      }
      builder.finish();
      PersonIdent ident = new PersonIdent(AUTHOR, Instant.now(), ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(
          "image-factory: seed the local state repository from " + examples.getFileName() + "/\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      String ref = Constants.R_HEADS + branch;
      RefUpdate update = repository.updateRef(ref);
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      if (update.update() != RefUpdate.Result.NEW) {
        throw new IOException("cannot create " + ref + ": " + update.getResult());
      }
      repository.updateRef(Constants.HEAD).link(ref);
    }
  }

  /**
   * Regular files under {@code root}, sorted, without anything under a {@code .git}. Symbolic links
   * are skipped: one could point anywhere on this machine.
   */
  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !underGitDirectory(root.relativize(p)))
          .sorted()
          .toList();
    }
  }

  private static boolean underGitDirectory(Path relative) {
    for (Path part : relative) {
      if (part.toString().equals(".git")) {
        return true;
      }
    }
    return false;
  }

  private static String gitPath(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }
}
