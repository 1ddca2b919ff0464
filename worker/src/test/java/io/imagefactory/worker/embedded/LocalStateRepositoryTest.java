package io.imagefactory.worker.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.staterepo.IsolatedGitConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class LocalStateRepositoryTest {

  @TempDir Path dir;

  private Path examples() throws IOException {
    Path examples = dir.resolve("examples");
    Files.createDirectories(examples.resolve("example-images/api"));
    Files.writeString(examples.resolve("images.yaml"), "images: []\n");
    Files.writeString(examples.resolve("example-images/api/Dockerfile"), "FROM node:22\n");
    Files.createDirectories(examples.resolve(".git"));
    Files.writeString(examples.resolve(".git/config"), "[core]\n");
    Files.writeString(examples.resolve(".gitignore"), "target/\n");
    Files.createSymbolicLink(examples.resolve("escape"), dir.resolve("outside"));
    Files.writeString(dir.resolve("outside"), "not part of the examples");
    return examples;
  }

  @Test
  void seedsABareRepositoryWithOneCommitOfTheExamples() throws IOException {
    Path repository = dir.resolve("data/state-repo.git");

    assertThat(LocalStateRepository.ensure(repository, examples(), "main")).isTrue();

    try (Repository git = new FileRepositoryBuilder().setGitDir(repository.toFile()).build()) {
      assertThat(git.isBare()).isTrue();
      assertThat(git.getFullBranch()).isEqualTo("refs/heads/main");
      ObjectId tip = git.resolve("refs/heads/main");
      try (RevWalk walk = new RevWalk(git)) {
        RevCommit commit = walk.parseCommit(tip);
        assertThat(commit.getParentCount()).isZero();
        assertThat(commit.getFullMessage())
            .startsWith("image-factory: seed the local state repository");
        assertThat(paths(git, commit))
            .containsExactly(".gitignore", "example-images/api/Dockerfile", "images.yaml");
        assertThat(read(git, commit, "example-images/api/Dockerfile")).isEqualTo("FROM node:22\n");
      }
    }
    try (var leftovers = Files.list(repository.getParent())) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("state-repo.git");
    }
  }

  @Test
  void anExistingRepositoryIsLeftAsItIs() throws IOException {
    Path repository = dir.resolve("state-repo.git");
    LocalStateRepository.ensure(repository, examples(), "main");
    Files.writeString(dir.resolve("examples/images.yaml"), "images: [changed]\n");

    assertThat(LocalStateRepository.ensure(repository, dir.resolve("examples"), "main")).isFalse();
    try (Repository git = new FileRepositoryBuilder().setGitDir(repository.toFile()).build();
        RevWalk walk = new RevWalk(git)) {
      RevCommit commit = walk.parseCommit(git.resolve("refs/heads/main"));
      assertThat(read(git, commit, "images.yaml")).isEqualTo("images: []\n");
    }
  }

  @Test
  void withoutExamplesItSaysWhatToConfigure() {
    assertThatThrownBy(
            () ->
                LocalStateRepository.ensure(
                    dir.resolve("state-repo.git"), dir.resolve("nowhere"), "main"))
        .hasMessageContaining("image-factory.state-repo.url")
        .hasMessageContaining("image-factory.embedded.examples-dir")
        .hasMessageContaining("nowhere/images.yaml is missing");
  }

  @Test
  void aDirectoryThatIsNotARepositoryIsNotUsed() throws IOException {
    Path repository = Files.createDirectories(dir.resolve("state-repo.git"));

    assertThatThrownBy(() -> LocalStateRepository.ensure(repository, examples(), "main"))
        .hasMessageContaining("is not a bare git repository");
  }

  private static List<String> paths(Repository git, RevCommit commit) throws IOException {
    List<String> paths = new ArrayList<>();
    try (TreeWalk tree = new TreeWalk(git)) {
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        paths.add(tree.getPathString());
      }
    }
    return paths;
  }

  private static String read(Repository git, RevCommit commit, String path) throws IOException {
    try (TreeWalk tree = TreeWalk.forPath(git, path, commit.getTree())) {
      return new String(
          git.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
    }
  }
}
