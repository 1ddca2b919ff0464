package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceHosts;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.CommitResult;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.ImageRuntimeChange;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StateChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoActivitiesImpl;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enrollment activities end to end on a real state repository seeded from {@code examples/}:
 * read the catalog, analyse, commit state and manifests, and restore entity setups from git.
 */
@ExtendWith(IsolatedGitConfig.class)
class EnrollmentActivitiesTest {

  private static final Path EXAMPLES =
      Path.of(System.getProperty("image-factory.project-dir", "..")).resolve("examples");
  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path tmp;
  private Repository remote;
  private StateRepository repository;
  private CatalogActivitiesImpl catalog;
  private DockerfileActivitiesImpl dockerfiles;
  private StateRepoActivitiesImpl writer;

  @BeforeEach
  void seedStateRepository() throws IOException {
    remote = GitFixtures.bare(tmp.resolve("state.git"));
    GitFixtures.commit(remote, "main", "seed from examples", examples());
    repository =
        new StateRepository(
            StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")),
            new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())));
    catalog = new CatalogActivitiesImpl(repository);
    SourceCache sources = new SourceCache(tmp.resolve("sources"), SourceHosts.localOnly());
    dockerfiles = new DockerfileActivitiesImpl(sources, repository, () -> {});
    writer = new StateRepoActivitiesImpl(repository);
  }

  @AfterEach
  void close() {
    repository.close();
    remote.close();
  }

  private static Map<String, String> examples() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(EXAMPLES)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(EXAMPLES.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    return files;
  }

  private CommitResult enroll() {
    CatalogView view = catalog.readCatalog(EnrollmentRequest.of("test"));
    List<ImageAnalysis> analyses = new ArrayList<>();
    for (AnalysisGroup group : view.analysisGroups()) {
      analyses.addAll(dockerfiles.analyzeGroup(group));
    }
    return commit(new EnrollmentChange(analyses, NOW));
  }

  private CommitResult commit(StateChange change) {
    return writer.commit(
        new CommitRequest(
            List.of(new StateChangeBatch("b-" + System.nanoTime(), "test", List.of(change)))));
  }

  @Test
  void enrollsTheExamplesWithStateFilesAndManifestsInOneCommit() throws IOException {
    CatalogView view = catalog.readCatalog(EnrollmentRequest.of("test"));
    assertThat(view.errors()).isEmpty();
    assertThat(view.externalImages()).containsExactly("postgres");
    assertThat(view.analysisGroups()).hasSize(1);
    assertThat(view.analysisGroups().get(0).targets()).hasSize(6);

    CommitResult result = enroll();

    assertThat(result.changed()).isTrue();
    assertThat(result.derivedChanged()).isTrue();
    assertThat(result.rejected()).isEmpty();
    assertThat(GitFixtures.read(remote, "main", "images/api.yaml"))
        .contains("discoveryStatus: success")
        .contains("golang-1.23-bookworm");
    assertThat(GitFixtures.read(remote, "main", "base-images/base-python.yaml")).isNull();
    assertThat(GitFixtures.read(remote, "main", "images/base-python.yaml"))
        .contains("dependentImages:")
        .contains("- reports");
    assertThat(GitFixtures.read(remote, "main", KargoDerivedFiles.MANIFESTS))
        .contains("kind: Warehouse")
        .contains("node-22-bookworm-slim")
        .contains("eclipse-temurin-17-jre");
    assertThat(GitFixtures.history(remote, "main").get(0).getFullMessage())
        .startsWith("image-factory: enroll ")
        .contains("discover ")
        .doesNotContain("rebuild target invalid");
    for (String image :
        List.of("nginx-site", "api", "web", "base-python", "reports", "image-factory-worker")) {
      assertThat(GitFixtures.read(remote, "main", "images/" + image + ".yaml"))
          .as("the example workflow of " + image + " takes the inputs images.yaml gives it")
          .doesNotContain("buildErrors");
    }
  }

  @Test
  void enrollingAnUnchangedRepositoryMakesNoCommit() throws IOException {
    enroll();
    int commits = GitFixtures.history(remote, "main").size();

    CatalogView again = catalog.readCatalog(EnrollmentRequest.of("test"));
    assertThat(again.analysisGroups()).isEmpty();
    assertThat(again.unchangedImages()).hasSize(6);
    CommitResult result = commit(new EnrollmentChange(List.of(), NOW.plusSeconds(60)));

    assertThat(result.changed()).isFalse();
    assertThat(GitFixtures.history(remote, "main")).hasSize(commits);
  }

  @Test
  void aPendingRebuildRecordedInGitIsRestoredForANewWorkflow() {
    enroll();
    PendingDigest candidate =
        new PendingDigest("golang-1.23-bookworm", "sha256:" + "a".repeat(64), NOW.plusSeconds(5));
    ImageRuntime runtime =
        new ImageRuntime(
            null,
            null,
            null,
            null,
            List.of(candidate),
            List.of(),
            false,
            NOW.plusSeconds(65),
            null,
            0,
            0,
            null);
    CommitResult recorded = commit(new ImageRuntimeChange("api", runtime));
    assertThat(recorded.changed()).isTrue();
    assertThat(recorded.derivedChanged()).isFalse();

    EntityPlan plan = catalog.readEntities(recorded.commitId());

    ImageSetup api =
        plan.images().stream()
            .filter(i -> i.config().name().equals("api"))
            .findFirst()
            .orElseThrow();
    assertThat(api.runtime().pending()).containsExactly(candidate);
    assertThat(api.runtime().eligibleAt()).isEqualTo(NOW.plusSeconds(65));
    BaseSetup golang =
        plan.bases().stream()
            .filter(b -> b.name().equals("golang-1.23-bookworm"))
            .findFirst()
            .orElseThrow();
    assertThat(golang.dependents()).containsExactly("api");
    ImageSetup basePython =
        plan.images().stream()
            .filter(i -> i.config().name().equals("base-python"))
            .findFirst()
            .orElseThrow();
    assertThat(basePython.config().dependentImages()).containsExactly("reports");
  }
}
