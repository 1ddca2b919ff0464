package io.imagefactory.statefiles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.statefiles.FileChange.Action;
import org.junit.jupiter.api.Test;

class FileChangeTest {

  @Test
  void holdsTextAsUtf8Bytes() {
    FileChange change = FileChange.create("images/web.yaml", "name: wéb\n");

    assertThat(change.content()).isEqualTo("name: wéb\n".getBytes(UTF_8));
    assertThat(change.text()).isEqualTo("name: wéb\n");
    assertThat(change.deletes()).isFalse();
  }

  @Test
  void comparesByContentNotByArray() {
    assertThat(FileChange.update("a.yaml", "x".getBytes(UTF_8)))
        .isEqualTo(FileChange.update("a.yaml", "x"))
        .hasSameHashCodeAs(FileChange.update("a.yaml", "x"));
    assertThat(FileChange.update("a.yaml", "x")).isNotEqualTo(FileChange.create("a.yaml", "x"));
    assertThat(FileChange.update("a.yaml", "x")).isNotEqualTo(FileChange.update("a.yaml", "y"));
  }

  @Test
  void copiesTheBytesItIsGiven() {
    byte[] bytes = "x".getBytes(UTF_8);
    FileChange change = FileChange.create("a.yaml", bytes);
    bytes[0] = 'y';

    assertThat(change.text()).isEqualTo("x");
  }

  @Test
  void writesAsCreateOrUpdateByWhetherTheFileExists() {
    assertThat(FileChange.write("a.yaml", new byte[] {1}, false).action()).isEqualTo(Action.CREATE);
    assertThat(FileChange.write("a.yaml", new byte[] {1}, true).action()).isEqualTo(Action.UPDATE);
  }

  @Test
  void onlyADeletionComesWithoutContent() {
    assertThat(FileChange.delete("a.yaml").deletes()).isTrue();
    assertThat(FileChange.delete("a.yaml").text()).isNull();
    assertThatThrownBy(() -> new FileChange("a.yaml", Action.CREATE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a.yaml");
    assertThatThrownBy(() -> new FileChange("a.yaml", Action.DELETE, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
