package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.staterepo.IsolatedGitConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class LocalGitSnapshotsTest {

  @TempDir Path dir;

  private static final PersonIdent PERSON =
      new PersonIdent("Platform Team", "platform@example.org");

  /** A bare remote whose main branch a working clone pushes to. */
  private Path remoteWith(String... pathsAndContents) throws IOException, GitAPIException {
    Path remote = dir.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    Path work = dir.resolve("work");
    try (Git git =
        Git.cloneRepository()
            .setURI(remote.toUri().toString())
            .setDirectory(work.toFile())
            .call()) {
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        Path file = work.resolve(pathsAndContents[i]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, pathsAndContents[i + 1]);
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("state").setAuthor(PERSON).setCommitter(PERSON).setSign(false).call();
      git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
    }
    return remote;
  }

  @Test
  void readsTheStateFilesAtTheTipOfTheBranch() throws Exception {
    Path remote =
        remoteWith(
            "images.yaml", "images: []\n",
            "images/api.yaml", "name: api\n",
            "base-images/node-22.yaml", "name: node-22\n",
            "dist/image-factory.k8s.yaml", "kind: Project\n",
            "imagesextra/x.yaml", "not state\n");

    SortedMap<String, byte[]> files = new LocalGitSnapshots(remote, "main").read();

    assertThat(files.keySet()).containsExactly("base-images/node-22.yaml", "images/api.yaml");
    assertThat(new String(files.get("images/api.yaml"), StandardCharsets.UTF_8))
        .isEqualTo("name: api\n");
  }

  @Test
  void aWorkingTreeIsReadThroughItsGitDirectory() throws Exception {
    remoteWith("images/api.yaml", "name: api\n");
    Path work = dir.resolve("work");
    String branch;
    try (Git git = Git.open(work.toFile())) {
      branch = git.getRepository().getBranch();
    }

    assertThat(new LocalGitSnapshots(work, branch).read().keySet())
        .containsExactly("images/api.yaml");
  }

  @Test
  void aBranchWithoutCommitsHasNoStateFiles() throws Exception {
    Path remote = remoteWith("images.yaml", "images: []\n");

    assertThat(new LocalGitSnapshots(remote, "other").read()).isEmpty();
  }
}
