package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.rebuild.RebuildDestinations;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceHosts;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoActivitiesImpl;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Enrollment checks where each managed image's rebuilds go, on real repositories: the workflow file
 * is read from the source repository at the Dockerfile's commit (or from the state repository), its
 * problems and those of the inputs' placeholders come back with the analysis, land in the image's
 * state file as {@code buildErrors}, and go away once the workflow is fixed.
 */
@ExtendWith(IsolatedGitConfig.class)
class RebuildTargetEnrollmentTest {

  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
  private static final String WORKFLOW = ".github/workflows/build.yml";
  private static final String FIELD = "images.yaml: image 'app': field ";
  private static final String DISPATCH =
      """
      name: Build
      run-name: "Build ${{ inputs.rebuild_id }}"
      on:
        workflow_dispatch:
          inputs:
            base_image: {type: string, required: true}
            rebuild_id: {type: string, default: ""}
      jobs: {}
      """;

  @TempDir Path tmp;
  private Repository state;
  private Repository source;
  private String sourceUrl;
  private StateRepository repository;
  private SourceCache sources;
  private CatalogActivitiesImpl catalog;
  private DockerfileActivitiesImpl dockerfiles;
  private StateRepoActivitiesImpl writer;

  @BeforeEach
  void createRepositories() throws IOException {
    state = GitFixtures.bare(tmp.resolve("state.git"));
    source = GitFixtures.bare(tmp.resolve("app.git"));
    sourceUrl = "file://" + tmp.resolve("app.git").toAbsolutePath();
    repository =
        new StateRepository(
            StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")),
            new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())));
    sources = new SourceCache(tmp.resolve("sources"), SourceHosts.localOnly());
    catalog = new CatalogActivitiesImpl(repository);
    dockerfiles = new DockerfileActivitiesImpl(sources, repository, () -> {});
    writer = new StateRepoActivitiesImpl(repository);
  }

  @AfterEach
  void close() {
    sources.close();
    repository.close();
    state.close();
    source.close();
  }

  static Stream<Arguments> invalidTargets() {
    return Stream.of(
        arguments(
            "no-such-file",
            null,
            Map.of("base_image", "${base.node-22.ref}"),
            FIELD + "'source.workflow': " + WORKFLOW + " does not exist in "),
        arguments(
            "no-dispatch",
            "on:\n  push:\n    branches: [main]\njobs: {}\n",
            Map.of("base_image", "${base.node-22.ref}"),
            FIELD
                + "'source.workflow': "
                + WORKFLOW
                + " has no workflow_dispatch trigger (on: push), so it cannot be dispatched"),
        arguments(
            "undeclared-input",
            DISPATCH,
            Map.of("base_image", "${base.node-22.ref}", "environment", "production"),
            FIELD
                + "'source.workflowInputs.environment': "
                + WORKFLOW
                + " declares no input 'environment' (it declares base_image, rebuild_id)"),
        arguments(
            "missing-required-input",
            DISPATCH,
            Map.of("rebuild_id", "${rebuild.id}"),
            FIELD
                + "'source.workflowInputs.base_image': "
                + WORKFLOW
                + " requires input 'base_image', which has no default: give it a value"),
        arguments(
            "unknown-placeholder",
            DISPATCH,
            Map.of("base_image", "${base.node-22.ref}", "rebuild_id", "${rebuild.number}"),
            FIELD
                + "'source.workflowInputs.rebuild_id': unknown placeholder ${rebuild.number} in"
                + " input 'rebuild_id' (use ${rebuild.id}"),
        arguments(
            "invalid-yaml",
            "on: [workflow_dispatch\njobs: {}\n",
            Map.of("base_image", "${base.node-22.ref}"),
            FIELD + "'source.workflow': " + WORKFLOW + ":2:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTargets")
  void anInvalidRebuildTargetIsAnErrorOfTheImageWhoseBasesAreStillWatched(
      String name, String workflow, Map<String, String> inputs, String error) throws Exception {
    ObjectId commit = commitSource(workflow);
    commitCatalog(app(sourceUrl, inputs));

    List<ImageAnalysis> analyses = enroll();

    ImageAnalysis app = analyses.get(0);
    assertThat(app.succeeded()).isTrue();
    assertThat(app.sourceRevision()).isEqualTo(commit.name());
    assertThat(app.buildProblems()).singleElement().asString().startsWith(error);
    ManagedImageState recorded = stateFile("app");
    assertThat(recorded.buildErrors()).isEqualTo(app.buildProblems());
    assertThat(recorded.baseImages()).containsExactly("node-22");
    assertThat(GitFixtures.read(state, "main", "base-images/node-22.yaml")).isNotNull();
    assertThat(GitFixtures.read(state, "main", "images/app.yaml")).contains("buildErrors:\n  - ");
    assertThat(sources.fetchCount()).as("one fetch serves Dockerfile and workflow").isEqualTo(1);
  }

  @Test
  void aMissingWorkflowFileNamesTheRepositoryAndTheCommit() throws Exception {
    ObjectId commit = commitSource(null);
    commitCatalog(app(sourceUrl, Map.of()));

    ImageAnalysis app = enroll().get(0);

    assertThat(app.buildProblems())
        .containsExactly(
            FIELD
                + "'source.workflow': "
                + WORKFLOW
                + " does not exist in "
                + sourceUrl
                + " at commit "
                + commit.name().substring(0, 7)
                + " (branch main)");
  }

  @Test
  void aValidTargetHasNoErrorsAndTheStateFileNoField() throws Exception {
    commitSource(DISPATCH);
    commitCatalog(app(sourceUrl, Map.of("base_image", "${base.node-22.ref}")));

    assertThat(enroll().get(0).buildProblems()).isEmpty();
    assertThat(GitFixtures.read(state, "main", "images/app.yaml")).doesNotContain("buildErrors");
    assertThat(catalog.readCatalog(EnrollmentRequest.of("again")).unchangedImages())
        .containsExactly("app");
  }

  @Test
  void fixingTheWorkflowFileClearsTheErrorAtTheNextEnrollment() throws Exception {
    commitSource("on: push\njobs: {}\n");
    commitCatalog(app(sourceUrl, Map.of("base_image", "${base.node-22.ref}")));
    enroll();
    assertThat(stateFile("app").buildErrors()).hasSize(1);
    assertThat(setup("app").config().buildErrors()).isEqualTo(stateFile("app").buildErrors());
    int commits = GitFixtures.history(state, "main").size();
    enroll();
    assertThat(GitFixtures.history(state, "main")).as("the same errors again").hasSize(commits);

    GitFixtures.commit(source, "main", "dispatchable", Map.of(WORKFLOW, DISPATCH));
    CatalogView again = catalog.readCatalog(EnrollmentRequest.of("push"));
    assertThat(again.analysisGroups()).as("an invalid target is checked again").hasSize(1);
    List<ImageAnalysis> analyses = enroll();

    assertThat(analyses.get(0).buildProblems()).isEmpty();
    assertThat(stateFile("app").buildErrors()).isEmpty();
    assertThat(setup("app").config().buildErrors()).isEmpty();
    assertThat(GitFixtures.history(state, "main").get(0).getFullMessage())
        .startsWith("image-factory: enroll app");
  }

  @Test
  void placeholdersAreCheckedAgainstTheNamesTheBasesGetInTheStateFiles() throws Exception {
    // "tool" is built on the managed image "app", whose reference would otherwise be named
    // example-org-app-latest; its placeholder uses the name the state files give it.
    commitSource(DISPATCH);
    GitFixtures.commit(
        source,
        "main",
        "tool",
        Map.of("tool/Dockerfile", "FROM ghcr.io/acme/app:latest\n", WORKFLOW, DISPATCH));
    commitCatalog(
        app(sourceUrl, Map.of("base_image", "${base.node-22.ref}"))
            + entry(
                "tool",
                sourceUrl,
                "tool/Dockerfile",
                Map.of("base_image", "${base.app.ref}", "rebuild_id", "${base.node-22.digest}")));

    List<ImageAnalysis> analyses = enroll();

    assertThat(analyses).allSatisfy(a -> assertThat(a.buildProblems()).isEmpty());
    assertThat(stateFile("tool").baseImages()).containsExactly("app");
    assertThat(stateFile("tool").buildErrors())
        .containsExactly(
            "images.yaml: image 'tool': field 'source.workflowInputs.rebuild_id':"
                + " ${base.node-22.digest} in input 'rebuild_id' names no base of this image (its"
                + " bases: app)");
    assertThat(stateFile("app").buildErrors()).isEmpty();
  }

  @Test
  void readsTheWorkflowOfAStateRepositoryImageAtTheStateCommit() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("images.yaml", "images:\n" + entry("site", null, "site/Dockerfile", Map.of()));
    files.put("site/Dockerfile", "FROM nginx:1.27-alpine\n");
    GitFixtures.commit(state, "main", "catalog", files);

    assertThat(enroll().get(0).buildProblems())
        .singleElement()
        .asString()
        .startsWith(
            "images.yaml: image 'site': field 'source.workflow': "
                + WORKFLOW
                + " does not exist in the state repository at commit ");

    GitFixtures.commit(state, "main", "workflow", Map.of(WORKFLOW, "on: workflow_dispatch\n"));
    assertThat(enroll().get(0).buildProblems()).isEmpty();
    assertThat(stateFile("site").buildErrors()).isEmpty();
  }

  @Test
  void aStateRepositoryImageWithNowhereToBeDispatchedIsAnErrorUntilTheWorkerKnowsWhere()
      throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("images.yaml", "images:\n" + entry("site", null, "site/Dockerfile", Map.of()));
    files.put("site/Dockerfile", "FROM nginx:1.27-alpine\n");
    files.put(WORKFLOW, "on: workflow_dispatch\n");
    GitFixtures.commit(state, "main", "catalog", files);

    dockerfiles =
        new DockerfileActivitiesImpl(
            sources, repository, new RebuildDestinations(Set.of("github"), null), () -> {});
    assertThat(enroll().get(0).buildProblems())
        .containsExactly(
            "images.yaml: image 'site': field 'source.repo': the Dockerfile lives in the state"
                + " repository, which is not on GitHub, so its rebuild has no repository to be"
                + " dispatched to: set source.repo, or image-factory.github.state-repository on"
                + " the worker");
    assertThat(stateFile("site").buildErrors()).hasSize(1);

    dockerfiles =
        new DockerfileActivitiesImpl(
            sources, repository, new RebuildDestinations(Set.of("github"), "acme/state"), () -> {});
    assertThat(enroll().get(0).buildProblems()).isEmpty();
    assertThat(stateFile("site").buildErrors()).isEmpty();
  }

  @Test
  void aGitLabImageGetsThePlaceholderCheckOnly() throws Exception {
    commitSource(null);
    commitCatalog(
        entry("app", sourceUrl, "Dockerfile", Map.of("IMAGE", "${base.node-22.ref}", "X", "${x}"))
            .replace("      dockerfile:", "      provider: gitlab\n      dockerfile:"));

    assertThat(enroll().get(0).buildProblems())
        .singleElement()
        .asString()
        .startsWith(FIELD + "'source.workflowInputs.X': unknown placeholder ${x} in input 'X'");
  }

  private ObjectId commitSource(String workflow) throws IOException {
    Map<String, String> files = new HashMap<>();
    files.put("Dockerfile", "FROM node:22\n");
    if (workflow != null) {
      files.put(WORKFLOW, workflow);
    }
    return GitFixtures.commit(source, "main", "app", files);
  }

  private void commitCatalog(String entries) throws IOException {
    GitFixtures.commit(state, "main", "catalog", Map.of("images.yaml", "images:\n" + entries));
  }

  private static String app(String repo, Map<String, String> inputs) {
    return entry("app", repo, "Dockerfile", inputs);
  }

  private static String entry(
      String name, String repo, String dockerfile, Map<String, String> inputs) {
    StringBuilder yaml =
        new StringBuilder("  - name: ")
            .append(name)
            .append("\n    registry: ghcr.io\n    repository: acme/")
            .append(name)
            .append("\n    source:\n");
    if (repo != null) {
      yaml.append("      repo: ").append(repo).append('\n');
    }
    yaml.append("      dockerfile: ").append(dockerfile).append("\n      workflow: build.yml\n");
    if (!inputs.isEmpty()) {
      yaml.append("      workflowInputs:\n");
      inputs.forEach(
          (k, v) -> yaml.append("        ").append(k).append(": \"").append(v).append("\"\n"));
    }
    return yaml.toString();
  }

  private List<ImageAnalysis> enroll() {
    CatalogView view = catalog.readCatalog(EnrollmentRequest.of("test"));
    assertThat(view.errors()).isEmpty();
    List<ImageAnalysis> analyses = new ArrayList<>();
    for (AnalysisGroup group : view.analysisGroups()) {
      analyses.addAll(dockerfiles.analyzeGroup(group));
    }
    writer.commit(
        new CommitRequest(
            List.of(
                new StateChangeBatch(
                    "b-" + System.nanoTime(),
                    "test",
                    List.of(new EnrollmentChange(analyses, NOW))))));
    return analyses;
  }

  private ManagedImageState stateFile(String image) throws Exception {
    String path = StateFileStore.imagePath(image);
    String text = GitFixtures.read(state, "main", path);
    return (ManagedImageState)
        new StateFileStore().readImage(path, text.getBytes(StandardCharsets.UTF_8));
  }

  private ImageSetup setup(String image) {
    EntityPlan plan = catalog.readEntities(null);
    return plan.images().stream()
        .filter(i -> i.config().name().equals(image))
        .findFirst()
        .orElseThrow();
  }
}
