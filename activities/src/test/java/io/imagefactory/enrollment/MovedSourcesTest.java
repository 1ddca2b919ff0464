package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift check of images whose Dockerfile lives in the state repository: the state repository's
 * own commits move its tip all the time, so only a changed Dockerfile counts.
 */
@ExtendWith(IsolatedGitConfig.class)
class MovedSourcesTest {

  @TempDir Path tmp;

  private static String state(String name, String revision) {
    return "name: "
        + name
        + "\nenrolledAt: \"2026-01-01T00:00:00Z\"\ndiscoveryStatus: success\n"
        + "enrollment:\n  registry: ghcr.io\n  repository: acme/"
        + name
        + "\n  source:\n"
        + "    dockerfile: "
        + name
        + "/Dockerfile\n  rebuildDelay: 7d\n  autoRebuild: true\n"
        + "baseImages:\n  - nginx-1.27-alpine\nsourceRevision: "
        + revision
        + "\n";
  }

  @Test
  void onlyAChangedDockerfileOfTheStateRepositoryIsReanalysed() throws Exception {
    try (Repository remote = GitFixtures.bare(tmp.resolve("state.git"))) {
      ObjectId analysed =
          GitFixtures.commit(
              remote,
              "main",
              "catalog",
              Map.of(
                  "images.yaml",
                  "images:\n"
                      + "  - {name: site, registry: ghcr.io, repository: acme/site,"
                      + " source: {dockerfile: site/Dockerfile}}\n"
                      + "  - {name: docs, registry: ghcr.io, repository: acme/docs,"
                      + " source: {dockerfile: docs/Dockerfile}}\n",
                  "site/Dockerfile",
                  "FROM nginx:1.27-alpine\n",
                  "docs/Dockerfile",
                  "FROM nginx:1.27-alpine\n"));
      GitFixtures.commit(
          remote,
          "main",
          "state and a changed site",
          Map.of(
              "images/site.yaml", state("site", analysed.name()),
              "images/docs.yaml", state("docs", analysed.name()),
              "site/Dockerfile", "FROM nginx:1.29-alpine\n"));
      try (StateRepository repository =
          new StateRepository(
              StateRepositorySettings.of(
                  tmp.resolve("state.git").toString(), tmp.resolve("cache")))) {
        CatalogActivitiesImpl catalog = new CatalogActivitiesImpl(repository);

        CatalogView plain = catalog.readCatalog(EnrollmentRequest.of("push"));
        CatalogView drift = catalog.readCatalog(EnrollmentRequest.drift("drift check"));

        assertThat(plain.analysisGroups()).isEmpty();
        assertThat(plain.unchangedImages()).containsExactlyInAnyOrder("site", "docs");
        assertThat(drift.analysisGroups())
            .singleElement()
            .satisfies(
                g -> assertThat(g.targets()).extracting(t -> t.image()).containsExactly("site"));
        assertThat(drift.unchangedImages()).containsExactly("docs");
      }
    }
  }
}
