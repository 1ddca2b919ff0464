package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.CatalogFixtures;
import io.imagefactory.statefiles.StateFileProblem;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.staterepo.GitFixtures.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class StateTreeTest {

  @TempDir Path tmp;

  @Test
  void readsTheStateFilesOfACommitOfALocalRepository() throws IOException {
    try (Repository repo = GitFixtures.bare(tmp.resolve("state.git"))) {
      ObjectId commit =
          GitFixtures.commit(
              repo,
              "main",
              "state",
              List.of(
                  Entry.file("images.yaml", "images: []\n"),
                  Entry.bytes(
                      "images/postgres.yaml",
                      CatalogFixtures.resource("seed004/images/postgres.yaml")),
                  Entry.file("dist/image-factory.k8s.yaml", "kind: Warehouse\n")));

      StateTree tree = StateTree.read(repo, commit);

      assertThat(tree.commitId()).isEqualTo(commit.name());
      assertThat(tree.files().keySet()).containsExactly("images/postgres.yaml");
      assertThat(tree.snapshot().images().keySet()).containsExactly("postgres");
    }
  }

  @Test
  void anOversizedStateFileIsAProblemAndIsNeverLoadedWhole() throws IOException {
    byte[] huge = new byte[StateFileStore.MAX_BYTES * 3];
    try (Repository repo = GitFixtures.bare(tmp.resolve("state.git"))) {
      ObjectId commit =
          GitFixtures.commit(repo, "main", "state", List.of(Entry.bytes("images/big.yaml", huge)));

      StateTree tree = StateTree.read(repo, commit);
      StateSnapshot snapshot = tree.snapshot();

      assertThat(tree.files().get("images/big.yaml")).hasSize(StateFileStore.MAX_BYTES + 1);
      assertThat(snapshot.images()).isEmpty();
      assertThat(snapshot.problems())
          .extracting(StateFileProblem::toString)
          .containsExactly("images/big.yaml: is larger than 1024 KiB");
    }
  }
}
