package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code verify:} rule's key file is read from the state repository itself, at the commit the
 * enrollment reads, although it is none of the state files.
 */
@ExtendWith(IsolatedGitConfig.class)
class VerifyRuleEnrollmentTest {

  private static final String IMAGES =
      "verify:\n"
          + "  - {repository: \"docker.io/library/*\", key: keys/cosign.pub}\n"
          + "images:\n"
          + "  - name: golang\n"
          + "    registry: docker.io\n"
          + "    repository: library/golang\n";

  @TempDir Path tmp;
  private Repository remote;
  private StateRepository repository;

  @AfterEach
  void close() {
    repository.close();
    remote.close();
  }

  @Test
  void aKeyFileCommittedBesideImagesYamlIsFound() throws Exception {
    CatalogActivitiesImpl catalog = seed(true);

    CatalogView view = catalog.readCatalog(EnrollmentRequest.of("test"));

    assertThat(view.errors()).isEmpty();
    assertThat(repository.read("keys/cosign.pub"::equals).file("keys/cosign.pub")).isPresent();
  }

  @Test
  void aMissingKeyFileIsAnEnrollmentError() throws Exception {
    CatalogActivitiesImpl catalog = seed(false);

    CatalogView view = catalog.readCatalog(EnrollmentRequest.of("test"));

    assertThat(view.errors())
        .containsExactly(
            "images.yaml:2:41: field 'verify[1].key': cannot read \"keys/cosign.pub\": no such file"
                + " in the state repository");
  }

  private CatalogActivitiesImpl seed(boolean withKey) throws Exception {
    remote = GitFixtures.bare(tmp.resolve("state.git"));
    Map<String, String> files = new HashMap<>(Map.of("images.yaml", IMAGES));
    if (withKey) {
      files.put("keys/cosign.pub", publicKeyPem());
    }
    GitFixtures.commit(remote, "main", "seed", files);
    repository =
        new StateRepository(
            StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")),
            new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())));
    return new CatalogActivitiesImpl(repository);
  }

  private static String publicKeyPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder()
            .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
