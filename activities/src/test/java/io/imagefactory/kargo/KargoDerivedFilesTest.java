package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import io.imagefactory.staterepo.ApplyResult;
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
 * The manifests committed with the state, rendered from what changed: after every kind of commit
 * they are exactly what a full render of the committed state files gives.
 */
@ExtendWith(IsolatedGitConfig.class)
class KargoDerivedFilesTest {

  private static final KargoSettings SETTINGS = KargoSettings.defaults();

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
  void firstCommitWritesWhatAFullRenderGives() throws IOException {
    ApplyResult result = repository.apply(List.of(build(0, 1)));

    assertThat(result.changedPaths()).contains(KargoDerivedFiles.MANIFESTS);
    assertThat(manifests()).isEqualTo(fullRender());
  }

  @Test
  void aNewDigestOfOneImageLeavesTheManifestsAlone() throws IOException {
    repository.apply(List.of(build(0, 1)));

    ApplyResult result = repository.apply(List.of(build(0, 2)));

    assertThat(result.committed()).isTrue();
    assertThat(result.changedPaths()).containsExactly(StateFileStore.imagePath(name(0)));
    assertThat(manifests()).isEqualTo(fullRender());
  }

  @Test
  void anEnrolledRemovedOrMovedImageChangesItsWarehouseOnly() throws IOException {
    repository.apply(List.of(build(0, 1)));
    ImageState moved = States.managed(name(1), "ghcr.io", "acme/moved");
    ImageState added = States.managed("zz-new", "ghcr.io", "acme/zz-new");

    repository.apply(
        List.of(
            write(moved),
            write(added),
            TestPatches.delete("remove", StateFileStore.imagePath(name(2)))));

    String manifests = manifests();
    assertThat(manifests).isEqualTo(fullRender()).contains("ghcr.io/acme/moved", "image-zz-new");
    assertThat(manifests).doesNotContain("name: image-" + name(2) + "\n");
  }

  @Test
  void rewritesManifestsSomeoneElseChangedEvenWhenNoStateFileDid() throws IOException {
    repository.apply(List.of(build(0, 1)));
    String rendered = manifests();
    GitFixtures.commit(
        remote, "main", "hand edit", Map.of(KargoDerivedFiles.MANIFESTS, "# edited\n"));

    repository.apply(List.of(build(0, 2)));

    assertThat(manifests()).isEqualTo(rendered).isEqualTo(fullRender());
  }

  @Test
  void aRestartedWorkerRendersTheSameBytes() throws IOException {
    repository.apply(List.of(build(0, 1)));
    String before = manifests();
    repository.close();
    repository = open();

    ApplyResult result =
        repository.apply(List.of(write(States.managed("zz-new", "ghcr.io", "acme/zz-new"))));

    assertThat(result.changedPaths()).contains(KargoDerivedFiles.MANIFESTS);
    assertThat(manifests()).isEqualTo(fullRender()).isNotEqualTo(before);
  }

  private StateRepository open() {
    return new StateRepository(
        StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")),
        new KargoDerivedFiles(new KargoManifestRenderer(SETTINGS)));
  }

  private String manifests() throws IOException {
    return GitFixtures.read(remote, "main", KargoDerivedFiles.MANIFESTS);
  }

  /** The manifests of the state files on the branch, rendered from scratch. */
  private String fullRender() {
    StateSnapshot snapshot = new StateSnapshotReader().read(repository.read().files());
    return new KargoManifestRenderer(SETTINGS)
        .renderFile(snapshot.images().values(), snapshot.baseImages().values());
  }

  @Test
  void anEntryKargoCannotWatchIsReportedByTheCommitThatLeavesItOut() throws IOException {
    String path = StateFileStore.baseImagePath("broken-tag");
    BaseImageState broken = States.base("broken-tag", "docker.io/library/node", "bad tag", name(0));

    ApplyResult result =
        repository.apply(
            List.of(TestPatches.write("a hand-edited base", path, store.write(broken))));

    assertThat(result.committed()).isTrue();
    assertThat(result.problems())
        .singleElement()
        .asString()
        .startsWith("not watched by Kargo: " + path + ": base image 'broken-tag', field tag:");
    assertThat(manifests()).doesNotContain("broken-tag");

    ApplyResult fixed = repository.apply(List.of(TestPatches.delete("fixed", path)));

    assertThat(fixed.problems()).isEmpty();
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
