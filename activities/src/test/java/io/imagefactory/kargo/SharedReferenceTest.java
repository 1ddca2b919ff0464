package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class SharedReferenceTest {

  @Test
  void skipsWithTheMissingPathNamed() {
    assertThatThrownBy(() -> SharedReference.require("reference/not-there.yaml"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("not-there.yaml");
  }

  @Test
  void findsTheKargoReferenceWhereTheSharedDirectoryExists() {
    assertThat(SharedReference.require(SharedReference.KARGO_DIR))
        .isDirectoryContaining(
            p -> p.getFileName().toString().equals("kargo.akuity.io_stages.yaml"));
  }
}
