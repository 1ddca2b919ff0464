package io.imagefactory.staterepo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.statefiles.FileChange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class StateFilesTest {

  @TempDir Path tmp;
  private Repository repo;
  private ObjectReader reader;
  private StateFiles files;

  @BeforeEach
  void open() throws IOException {
    repo = GitFixtures.bare(tmp.resolve("state.git"));
    var commit =
        GitFixtures.commit(
            repo,
            "main",
            "state",
            Map.of(
                "images.yaml", "- name: web\n",
                "images/web.yaml", "name: web\n",
                "base-images/node.yaml", "name: node\n",
                "base-images/nested/deep.yaml", "deep\n"));
    reader = repo.newObjectReader();
    try (RevWalk walk = new RevWalk(reader)) {
      files =
          new StateFiles(reader, CommitWriter.index(reader, walk.parseCommit(commit).getTree()));
    }
  }

  @AfterEach
  void close() {
    reader.close();
    repo.close();
  }

  @Test
  void namesContentByItsBlobIdBeforeAndAfterEdits() {
    String web = files.contentId("images/web.yaml").orElseThrow();

    files.writeString("images/api.yaml", "name: web\n");
    files.writeString("images/web.yaml", "name: web2\n");

    assertThat(files.contentId("images/api.yaml")).contains(web);
    assertThat(files.contentId("images/web.yaml")).isPresent().isNotEqualTo(Optional.of(web));
    assertThat(files.contentId("images/missing.yaml")).isEmpty();
    assertThat(StateFiles.contentIdOf("name: web\n".getBytes(UTF_8))).isEqualTo(web);
    files.delete("images/api.yaml");
    assertThat(files.contentId("images/api.yaml")).isEmpty();
  }

  @Test
  void readsFilesOfTheCommitAndEditsOnTop() {
    files.writeString("images/api.yaml", "name: api\n");
    files.delete("images/web.yaml");

    assertThat(files.readString("images.yaml")).contains("- name: web\n");
    assertThat(files.readString("images/api.yaml")).contains("name: api\n");
    assertThat(files.exists("images/web.yaml")).isFalse();
    assertThat(files.list("images")).containsExactly("images/api.yaml");
    assertThat(files.list("base-images"))
        .containsExactly("base-images/nested/deep.yaml", "base-images/node.yaml");
    assertThat(files.changes())
        .extracting(FileChange::path)
        .containsExactly("images/api.yaml", "images/web.yaml");
  }

  @Test
  void reportsANewFileAsCreatedAndAChangedOneAsUpdated() {
    files.apply(FileChange.update("images/api.yaml", "name: api\n"));
    files.apply(FileChange.create("base-images/node.yaml", "name: node2\n"));

    assertThat(files.changes())
        .containsExactly(
            FileChange.update("base-images/node.yaml", "name: node2\n"),
            FileChange.create("images/api.yaml", "name: api\n"));
  }

  @Test
  void countsOnlyEditsThatChangeSomething() {
    files.writeString("images/web.yaml", "name: web\n");
    files.delete("images/missing.yaml");
    assertThat(files.modifications()).isZero();

    files.writeString("images/web.yaml", "name: web\nx: 1\n");
    files.writeString("images/web.yaml", "name: web\n");

    assertThat(files.modifications()).isEqualTo(2);
    assertThat(files.changes()).isEmpty();
  }

  @Test
  void rollsBackToACheckpoint() {
    Map<String, byte[]> checkpoint = files.checkpoint();
    files.writeString("images/api.yaml", "a");

    files.restore(checkpoint, 0);

    assertThat(files.exists("images/api.yaml")).isFalse();
    assertThat(files.changes()).isEmpty();
  }

  @Test
  void neverWritesOrDeletesImagesYaml() {
    assertThatThrownBy(() -> files.writeString("images.yaml", "[]"))
        .hasMessageContaining("never writes");
    assertThatThrownBy(() -> files.delete("./images.yaml")).hasMessageContaining("never writes");
    assertThat(files.changes()).isEmpty();
  }

  @Test
  void refusesToTurnAFileIntoADirectoryOrTheOtherWayRound() {
    assertThatThrownBy(() -> files.writeString("images/web.yaml/x", "x"))
        .hasMessageContaining("'images/web.yaml' is a file");
    assertThatThrownBy(() -> files.writeString("base-images/nested", "x"))
        .hasMessageContaining("it is a directory");
    files.delete("base-images/nested/deep.yaml");
    files.writeString("base-images/nested", "now a file\n");

    assertThat(files.changes())
        .extracting(FileChange::path)
        .containsExactly("base-images/nested", "base-images/nested/deep.yaml");
  }

  @Test
  void returnsCopiesSoCallersCannotEditBehindItsBack() {
    byte[] content = "name: api\n".getBytes();
    files.write("images/api.yaml", content);
    content[0] = 'X';
    files.read("images/api.yaml").orElseThrow()[0] = 'Y';

    assertThat(files.readString("images/api.yaml")).contains("name: api\n");
    assertThat(List.of(files.read("images/web.yaml").orElseThrow())).isNotEmpty();
  }
}
