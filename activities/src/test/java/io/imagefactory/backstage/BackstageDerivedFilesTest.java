package io.imagefactory.backstage;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.kargo.GeneratedState;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.kargo.States;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import io.imagefactory.staterepo.ApplyResult;
import io.imagefactory.staterepo.DerivedFiles;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StatePatch;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.imagefactory.staterepo.TestPatches;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog committed with the state, rendered from what changed, beside the Kargo manifests:
 * after every kind of commit it is exactly what a full render of the committed state files gives.
 */
@ExtendWith(IsolatedGitConfig.class)
class BackstageDerivedFilesTest {

  private static final BackstageSettings SETTINGS = BackstageSettings.defaults();

  @TempDir Path tmp;
  private final StateFileStore store = new StateFileStore();
  private final GeneratedState state = GeneratedState.of(60);
  private Repository remote;
  private StateRepository repository;

  @BeforeEach
  void seed() throws IOException {
    remote = GitFixtures.bare(tmp.resolve("state.git"));
    Map<String, String> files = new TreeMap<>();
    for (ImageState image : state.images) {
      files.put(StateFileStore.imagePath(image.name()), store.write(image));
    }
    for (BaseImageState base : state.bases) {
      files.put(StateFileStore.baseImagePath(base.name()), store.write(base));
    }
    GitFixtures.commit(remote, "main", "state", files);
    repository = open();
  }

  @AfterEach
  void close() {
    repository.close();
    remote.close();
  }

  @Test
  void firstCommitWritesTheCatalogAndTheManifestsTogether() throws IOException {
    ApplyResult result = repository.apply(List.of(build(0, 1)));

    assertThat(result.changedPaths())
        .contains(BackstageDerivedFiles.CATALOG, KargoDerivedFiles.MANIFESTS);
    assertThat(catalog()).isEqualTo(fullRender()).contains("name: app-00000\n");
  }

  @Test
  void aNewDigestLeavesTheCatalogAlone() throws IOException {
    repository.apply(List.of(build(0, 1)));

    ApplyResult result = repository.apply(List.of(build(0, 2)));

    assertThat(result.changedPaths()).containsExactly(StateFileStore.imagePath(name(0)));
    assertThat(catalog()).isEqualTo(fullRender());
  }

  @Test
  void aRecordedRebuildChangesTheCatalogOnly() throws IOException {
    repository.apply(List.of(build(0, 1)));
    ManagedImageState image = (ManagedImageState) state.images.get(1);

    ApplyResult result =
        repository.apply(
            List.of(
                write(BackstageCatalogRendererTest.rebuilt(image, "https://ci.example/run/9"))));

    assertThat(result.changedPaths())
        .containsExactlyInAnyOrder(
            StateFileStore.imagePath(name(1)), BackstageDerivedFiles.CATALOG);
    assertThat(catalog()).isEqualTo(fullRender()).contains("https://ci.example/run/9");
  }

  @Test
  void enrolledAndRemovedImagesAppearAndDisappearInOrder() throws IOException {
    repository.apply(List.of(build(0, 1)));

    repository.apply(
        List.of(
            write(States.managed("aaa-first", "ghcr.io", "acme/first")),
            TestPatches.delete("remove", StateFileStore.imagePath(name(2)))));

    String catalog = catalog();
    assertThat(catalog).isEqualTo(fullRender()).contains("name: aaa-first\n");
    assertThat(catalog.indexOf("name: aaa-first\n"))
        .isLessThan(catalog.indexOf("name: app-00000\n"));
    assertThat(catalog).doesNotContain("name: " + name(2) + "\n");
  }

  @Test
  void rewritesACatalogSomeoneElseChanged() throws IOException {
    repository.apply(List.of(build(0, 1)));
    String rendered = catalog();
    GitFixtures.commit(
        remote, "main", "hand edit", Map.of(BackstageDerivedFiles.CATALOG, "# edited\n"));

    repository.apply(List.of(build(0, 2)));

    assertThat(catalog()).isEqualTo(rendered).isEqualTo(fullRender());
  }

  @Test
  void aRestartedWorkerRendersTheSameBytes() throws IOException {
    repository.apply(List.of(build(0, 1)));
    String before = catalog();
    repository.close();
    repository = open();

    ApplyResult result = repository.apply(List.of(build(0, 2)));

    assertThat(result.changedPaths()).containsExactly(StateFileStore.imagePath(name(0)));
    assertThat(catalog()).isEqualTo(before).isEqualTo(fullRender());
  }

  @Test
  void aFirstRenderOfManyFilesBuildsTheirEntitiesInParallelWithTheSameBytes(@TempDir Path other)
      throws IOException {
    GeneratedState large = GeneratedState.of(BackstageDerivedFiles.PARALLEL_FROM * 2);
    Map<String, String> files = new TreeMap<>();
    large.images.forEach(i -> files.put(StateFileStore.imagePath(i.name()), store.write(i)));
    large.bases.forEach(b -> files.put(StateFileStore.baseImagePath(b.name()), store.write(b)));
    try (Repository bare = GitFixtures.bare(other.resolve("state.git"))) {
      GitFixtures.commit(bare, "main", "state", files);
      try (StateRepository state =
          new StateRepository(
              StateRepositorySettings.of(other.resolve("state.git").toString(), other.resolve("c")),
              new BackstageDerivedFiles(new BackstageCatalogRenderer(SETTINGS)))) {
        state.apply(List.of(TestPatches.write("touch", "notes.txt", "x\n")));

        assertThat(GitFixtures.read(bare, "main", BackstageDerivedFiles.CATALOG))
            .isEqualTo(
                new BackstageCatalogRenderer(SETTINGS).render(large.images, large.bases).content());
      }
    }
  }

  private StateRepository open() {
    return new StateRepository(
        StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")),
        DerivedFiles.all(
            new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults())),
            new BackstageDerivedFiles(new BackstageCatalogRenderer(SETTINGS))));
  }

  private String catalog() throws IOException {
    return GitFixtures.read(remote, "main", BackstageDerivedFiles.CATALOG);
  }

  /** The catalog of the state files on the branch, rendered from scratch. */
  private String fullRender() {
    StateSnapshot snapshot = new StateSnapshotReader().read(repository.read().files());
    return new BackstageCatalogRenderer(SETTINGS)
        .render(snapshot.images().values(), snapshot.baseImages().values())
        .content();
  }

  private static String name(int index) {
    return String.format("app-%05d", index);
  }

  /** A new build of the managed image {@code app-<index>}: only its digest changes. */
  private StatePatch build(int index, int round) {
    ManagedImageState image = (ManagedImageState) state.images.get(index);
    return write(
        new ManagedImageState(
            image.name(),
            image.enrolledAt(),
            image.lastDiscovery(),
            image.discoveryStatus(),
            image.discoveryError(),
            image.buildErrors(),
            image.enrollment(),
            image.baseImages(),
            image.pinnedBaseImages(),
            image.dependentImages(),
            image.currentVersion(),
            "sha256:" + String.format("%064x", round),
            image.lastBuilt(),
            image.rebuildState(),
            image.unknownFields()));
  }

  private StatePatch write(ImageState image) {
    return TestPatches.write(
        "write " + image.name(), StateFileStore.imagePath(image.name()), store.write(image));
  }
}
