package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.dockerfile.DockerfileAnalyzer;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.CommitResult;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoActivitiesImpl;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile case of issue 11 through the worker's enrollment: an external image whose {@code
 * allowTags} backtracks catastrophically in a backtracking matcher, and a managed image built on a
 * tag that triggers it. Validation, the commit (which plans on the tip under the cache lock) and
 * the rendered manifests all finish promptly with the right answer. The {@code @Timeout} is a hang
 * guard, not a speed claim.
 */
@ExtendWith(IsolatedGitConfig.class)
class HostileTagFilterEnrollmentTest {

  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
  private static final String HOSTILE = "^(.*a){12}$";
  private static final String TAG = "a".repeat(40) + "-";

  @TempDir Path tmp;
  private Repository remote;
  private StateRepository repository;

  @AfterEach
  void close() {
    repository.close();
    remote.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void validatesCommitsAndRendersPromptly() throws Exception {
    CatalogActivitiesImpl catalog = seed();

    CatalogView view = catalog.readCatalog(EnrollmentRequest.of("test"));
    assertThat(view.errors()).isEmpty();
    CommitResult result = commit(analysis("FROM postgres:" + TAG + "\nRUN true\n"));

    assertThat(result.changed()).isTrue();
    String web = GitFixtures.read(remote, "main", "images/web.yaml");
    assertThat(web).contains("baseImages:\n  - ").doesNotContain("  - postgres\n");
    assertThat(GitFixtures.read(remote, "main", KargoDerivedFiles.MANIFESTS))
        .contains("      allowTagsRegexes:\n      - \"^(.*a){12}$\"\n")
        .contains("      constraint: " + TAG + "\n");
  }

  private ImageAnalysis analysis(String dockerfile) throws Exception {
    return ImageAnalysis.success(
        "web",
        new DockerfileAnalyzer().analyze("Dockerfile", dockerfile, Map.of()),
        "0".repeat(40));
  }

  private CatalogActivitiesImpl seed() throws IOException {
    remote = GitFixtures.bare(tmp.resolve("state.git"));
    GitFixtures.commit(
        remote,
        "main",
        "seed",
        Map.of(
            "images.yaml",
            "images:\n"
                + "  - name: postgres\n"
                + "    registry: docker.io\n"
                + "    repository: library/postgres\n"
                + "    allowTags: '"
                + HOSTILE
                + "'\n"
                + "    imageSelectionStrategy: Lexical\n"
                + "  - name: web\n"
                + "    registry: ghcr.io\n"
                + "    repository: example-org/web\n"
                + "    source:\n"
                + "      dockerfile: Dockerfile\n"
                + "      workflow: build.yml\n",
            "Dockerfile",
            "FROM postgres:" + TAG + "\n"));
    repository =
        new StateRepository(
            StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")),
            new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())));
    return new CatalogActivitiesImpl(repository);
  }

  private CommitResult commit(ImageAnalysis analysis) {
    return new StateRepoActivitiesImpl(repository)
        .commit(
            new CommitRequest(
                List.of(
                    new StateChangeBatch(
                        "b-1", "test", List.of(new EnrollmentChange(List.of(analysis), NOW))))));
  }
}
