package io.imagefactory.worker.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed base of the offline image proof is exactly what {@link ProofBaseImage} assembles.
 * The build reads it before any test runs (the jib-maven-plugin {@code image-proof} execution in
 * worker/pom.xml), so it is committed; to change it, edit {@link ProofBaseImage} and run this test
 * with {@code -Dimage-factory.record-image-base=true}.
 */
class ProofBaseImageTest {

  private static final Path COMMITTED = Path.of("src/test/image-proof/base.tar");

  @Test
  void committedBaseIsTheAssembledOne() throws IOException {
    byte[] assembled = ProofBaseImage.tarball();
    if (Boolean.getBoolean("image-factory.record-image-base")) {
      Files.write(COMMITTED, assembled);
    }

    assertThat(Files.readAllBytes(COMMITTED)).isEqualTo(assembled);
  }

  @Test
  void baseIsALoadableDockerSaveTarball() throws IOException {
    ImageTarball base = ImageTarball.read(COMMITTED);

    assertThat(base.layerDiffIds()).containsExactly(ProofBaseImage.layerDiffId());
    assertThat(base.layerFiles(0)).containsExactly(ProofBaseImage.LAYER_FILE);
    assertThat(base.config().at("/config/User").asText()).isEqualTo("0");
  }
}
