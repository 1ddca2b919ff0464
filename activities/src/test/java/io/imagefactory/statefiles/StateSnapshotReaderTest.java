package io.imagefactory.statefiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.CatalogFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StateSnapshotReaderTest {

  private final StateSnapshotReader reader = new StateSnapshotReader();

  @Test
  void readsImageAndBaseFilesByNameAndIgnoresOtherFiles() {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("images/backstage.yaml", CatalogFixtures.resource("seed004/images/backstage.yaml"));
    files.put("images/postgres.yaml", CatalogFixtures.resource("seed004/images/postgres.yaml"));
    files.put(
        "base-images/node-22-bookworm-slim.yaml",
        CatalogFixtures.resource("seed004/base-images/node-22-bookworm-slim.yaml"));
    files.put("images.yaml", bytes("images: []\n"));
    files.put("images/README.md", bytes("# not state\n"));
    files.put("images/archive/old.yaml", bytes("name: old\n"));
    files.put("dist/image-factory.k8s.yaml", bytes("kind: Warehouse\n"));

    StateSnapshot snapshot = reader.read(files);

    assertThat(snapshot.images().keySet()).containsExactly("backstage", "postgres");
    assertThat(snapshot.baseImages().keySet()).containsExactly("node-22-bookworm-slim");
    assertThat(snapshot.problems()).isEmpty();
  }

  @Test
  void reportsEachBrokenFileAndKeepsReadingTheOthers() {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("images/postgres.yaml", CatalogFixtures.resource("seed004/images/postgres.yaml"));
    files.put("images/api.yaml", bytes("name: web\n"));
    files.put("images/Bad_Name.yaml", bytes("name: Bad_Name\n"));
    files.put("base-images/node.yaml", bytes("name: node\nregistry: [\n"));

    StateSnapshot snapshot = reader.read(files);

    assertThat(snapshot.images().keySet()).containsExactly("postgres");
    assertThat(snapshot.problems())
        .extracting(StateFileProblem::toString)
        .containsExactly(
            "base-images/node.yaml:3:1: invalid YAML: expected the node content, but found"
                + " '<stream end>' (while parsing a flow node at line 3, column 1)",
            "images/Bad_Name.yaml: the file name is not a valid name: \"Bad_Name\" must be lower"
                + " case",
            "images/api.yaml: field 'name': \"web\" does not match the file name");
    assertThat(snapshot.isUnreadable("images/api.yaml")).isTrue();
    assertThat(snapshot.isUnreadable("images/postgres.yaml")).isFalse();
  }

  @Test
  void appliesChangesAsIfTheFilesWereWrittenAndReadBack() {
    StateSnapshot before =
        reader.read(
            Map.of(
                "images/postgres.yaml", CatalogFixtures.resource("seed004/images/postgres.yaml"),
                "images/backstage.yaml",
                    CatalogFixtures.resource("seed004/images/backstage.yaml")));
    String renamed =
        new String(CatalogFixtures.resource("seed004/images/postgres.yaml"), StandardCharsets.UTF_8)
            .replace("name: postgres", "name: pg");

    StateSnapshot after =
        reader.apply(
            before,
            List.of(
                FileChange.delete("images/backstage.yaml"),
                FileChange.create("images/pg.yaml", renamed)));

    assertThat(after.images().keySet()).containsExactly("pg", "postgres");
    assertThat(after.images().get("postgres")).isEqualTo(before.images().get("postgres"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
