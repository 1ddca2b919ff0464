package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.FileChange;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitMessageTest {

  private static final List<FileChange> ONE = List.of(FileChange.update("images/a.yaml", "a"));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "enroll backstage                                  | image-factory: enroll backstage",
        "enroll backstage;discover node-22-bookworm-slim   | image-factory: enroll backstage; discover node-22-bookworm-slim",
        "enroll a;enroll a;enroll b                        | image-factory: enroll a; enroll b",
        "record digest of node-22-bookworm-slim;record digest of python-3.12-slim-bookworm;enroll backstage | image-factory: record digest of node-22-bookworm-slim; and 2 more"
      })
  void summarisesThePatchesInTheFirstLine(String patches, String summary) {
    String message = CommitMessage.of(List.of(patches.split(";")), ONE);

    assertThat(message.lines().findFirst()).contains(summary);
    assertThat(summary.length()).isLessThanOrEqualTo(72);
  }

  @Test
  void listsEveryPatchAndEveryFileInTheBody() {
    List<FileChange> changes =
        List.of(
            FileChange.create("base-images/node.yaml", "n"),
            FileChange.delete("images/old.yaml"),
            FileChange.update("images/web.yaml", "w"));

    String message =
        CommitMessage.of(List.of("enroll web", "remove old\n  (left images.yaml)"), changes);

    assertThat(message)
        .isEqualTo(
            """
        image-factory: enroll web; remove old (left images.yaml)

        - enroll web
        - remove old (left images.yaml)

        Files:
          A base-images/node.yaml
          D images/old.yaml
          M images/web.yaml
        """);
  }

  @Test
  void namesDerivedFilesWhenNoPatchChangedAnything() {
    String message =
        CommitMessage.of(List.of(), List.of(FileChange.update("dist/image-factory.k8s.yaml", "x")));

    assertThat(message)
        .startsWith(
            "image-factory: render derived files\n\nFiles:\n  M dist/image-factory.k8s.yaml\n");
  }

  @Test
  void boundsTheFileList() {
    List<FileChange> many =
        IntStream.range(0, 250)
            .mapToObj(i -> FileChange.update("images/i" + i + ".yaml", "x"))
            .toList();

    String message = CommitMessage.of(List.of("enroll many"), many);

    assertThat(message.lines().filter(l -> l.startsWith("  M "))).hasSize(200);
    assertThat(message).endsWith("  ... and 50 more\n");
  }
}
