package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.CommitResult;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.LogCapture;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoActivitiesImpl;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external image on the Digest strategy through the worker's enrollment: a correctly escaped
 * exact tag is enrolled and watched, exactly as {@code image-factory render} watches it; a regex of
 * many tags is refused at enrollment, naming images.yaml, the entry and the field, instead of being
 * enrolled and left unwatched.
 */
@ExtendWith(IsolatedGitConfig.class)
class DigestStrategyEnrollmentTest {

  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path tmp;
  private Repository remote;
  private StateRepository repository;

  @AfterEach
  void close() {
    repository.close();
    remote.close();
  }

  @Test
  void enrollsAndWatchesAnEscapedExactTag() throws IOException {
    CatalogActivitiesImpl catalog = seed("^1\\.17$");

    CatalogView view;
    String log;
    try (LogCapture capture = LogCapture.start()) {
      view = catalog.readCatalog(EnrollmentRequest.of("test"));
      assertThat(view.errors()).isEmpty();
      CommitResult result = commit();
      assertThat(result.derivedChanged()).isTrue();
      log = capture.text();
    }

    assertThat(GitFixtures.read(remote, "main", KargoDerivedFiles.MANIFESTS))
        .contains(
            "      repoURL: docker.io/library/golang\n"
                + "      imageSelectionStrategy: Digest\n"
                + "      constraint: \"1.17\"\n");
    assertThat(log).doesNotContain("Not watched by Kargo");
  }

  @Test
  void refusesADigestRegexOfManyTagsAtEnrollment() throws IOException {
    CatalogActivitiesImpl catalog = seed("^1\\.1[0-9]$");

    CatalogView view = catalog.readCatalog(EnrollmentRequest.of("test"));

    assertThat(view.errors())
        .containsExactly(
            "images.yaml:5:5: image 'golang': field 'allowTags': \"^1\\.1[0-9]$\" matches more"
                + " than one tag; the Digest strategy follows one tag: write it as ^<tag>$, with"
                + " dots escaped (^1\\.17$)");
  }

  private CatalogActivitiesImpl seed(String allowTags) throws IOException {
    remote = GitFixtures.bare(tmp.resolve("state.git"));
    GitFixtures.commit(
        remote,
        "main",
        "seed",
        Map.of(
            "images.yaml",
            "images:\n"
                + "  - name: golang\n"
                + "    registry: docker.io\n"
                + "    repository: library/golang\n"
                + "    allowTags: '"
                + allowTags
                + "'\n"
                + "    imageSelectionStrategy: Digest\n"));
    repository =
        new StateRepository(
            StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")),
            new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())));
    return new CatalogActivitiesImpl(repository);
  }

  private CommitResult commit() {
    return new StateRepoActivitiesImpl(repository)
        .commit(
            new CommitRequest(
                List.of(
                    new StateChangeBatch(
                        "b-1", "test", List.of(new EnrollmentChange(List.of(), NOW))))));
  }
}
