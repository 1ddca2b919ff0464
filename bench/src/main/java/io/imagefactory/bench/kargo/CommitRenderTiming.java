package io.imagefactory.bench.kargo;

import io.imagefactory.backstage.BackstageCatalogRenderer;
import io.imagefactory.backstage.BackstageDerivedFiles;
import io.imagefactory.backstage.BackstageSettings;
import io.imagefactory.bench.staterepo.BenchRepos;
import io.imagefactory.kargo.GeneratedState;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.kargo.States;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.staterepo.ApplyResult;
import io.imagefactory.staterepo.DerivedFiles;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.GitFixtures.Entry;
import io.imagefactory.staterepo.StateFiles;
import io.imagefactory.staterepo.StatePatch;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.imagefactory.staterepo.TestPatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * Times the worker's re-render of the derived files ({@code dist/image-factory.k8s.yaml} and {@code
 * dist/backstage/catalog-info.yaml}) inside state-repository commits that each touch one image of a
 * generated state (default 10,000 images): the derived-file render alone, and the whole commit
 * (apply, render, commit, push to a local bare repository); first commits that change neither file
 * (a new digest), then commits that change one Backstage entity (a recorded rebuild), then commits
 * that add an image (a Warehouse and an entity). {@code kargo} as third argument renders the Kargo
 * manifests only, as the worker did before it rendered the catalog.
 *
 * <pre>
 * mvn -q -DskipTests package -pl bench -am
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.kargo.CommitRenderTiming [images] [commits] [all|kargo]
 * </pre>
 */
public final class CommitRenderTiming {

  private CommitRenderTiming() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int commits = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean kargoOnly = args.length > 2 && args[2].equals("kargo");
    run(images, commits, !kargoOnly);
  }

  /**
   * Medians in milliseconds: commits touching one image, commits recording a rebuild, commits
   * adding a Warehouse.
   */
  public record Result(
      double touchRenderMillis,
      double touchCommitMillis,
      double rebuildRenderMillis,
      double rebuildCommitMillis,
      double enrollRenderMillis,
      double enrollCommitMillis) {}

  /** Runs the commits with both derived files, as the worker does. */
  public static Result run(int images, int commits) throws Exception {
    return run(images, commits, true);
  }

  /** Runs the commits, printing what each kind took, and returns the medians. */
  public static Result run(int images, int commits, boolean backstage) throws Exception {
    GeneratedState state = GeneratedState.of(images);
    Path work = Files.createTempDirectory("commit-render-bench");
    try {
      Path remote = work.resolve("remote.git");
      seed(remote, state);
      DerivedFiles kargo =
          new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults()));
      TimedDerivedFiles derived =
          new TimedDerivedFiles(
              backstage
                  ? DerivedFiles.all(
                      kargo,
                      new BackstageDerivedFiles(
                          new BackstageCatalogRenderer(BackstageSettings.defaults())))
                  : kargo);
      StateRepositorySettings settings =
          StateRepositorySettings.of(remote.toString(), work.resolve("cache"));
      try (StateRepository repository = new StateRepository(settings, derived)) {
        long start = System.nanoTime();
        ApplyResult first = repository.apply(List.of(touch(state, 0)));
        System.out.printf(
            "%d images, first commit (renders everything, writes dist/): render %.1f ms,"
                + " commit %.1f ms (%s)%n",
            images, millis(derived.last), millis(System.nanoTime() - start), first.changedPaths());
        long[] render = new long[commits];
        long[] commit = new long[commits];
        for (int i = 0; i < commits; i++) {
          start = System.nanoTime();
          ApplyResult result = repository.apply(List.of(touch(state, i + 1)));
          commit[i] = System.nanoTime() - start;
          render[i] = derived.last;
          if (!result.committed() || result.changedPaths().size() != 1) {
            throw new IllegalStateException("expected a commit of one state file: " + result);
          }
        }
        System.out.printf(
            "%d commits touching one image: render median %.1f ms (best %.1f, worst %.1f),"
                + " whole commit median %.1f ms%n",
            commits,
            millis(median(render)),
            millis(Arrays.stream(render).min().orElse(0)),
            millis(Arrays.stream(render).max().orElse(0)),
            millis(median(commit)));
        double touchRender = millis(median(render));
        double touchCommit = millis(median(commit));
        for (int i = 0; i < commits; i++) {
          start = System.nanoTime();
          ApplyResult result = repository.apply(List.of(rebuild(state, i)));
          commit[i] = System.nanoTime() - start;
          render[i] = derived.last;
          if (backstage && !result.changedPaths().contains(BackstageDerivedFiles.CATALOG)) {
            throw new IllegalStateException("expected a new catalog: " + result);
          }
        }
        System.out.printf(
            "%d commits recording a rebuild of one image (one entity changes): render median"
                + " %.1f ms (best %.1f), whole commit median %.1f ms%n",
            commits,
            millis(median(render)),
            millis(Arrays.stream(render).min().orElse(0)),
            millis(median(commit)));
        double rebuildRender = millis(median(render));
        double rebuildCommit = millis(median(commit));
        for (int i = 0; i < commits; i++) {
          start = System.nanoTime();
          ApplyResult result = repository.apply(List.of(enroll(i)));
          commit[i] = System.nanoTime() - start;
          render[i] = derived.last;
          if (!result.changedPaths().contains(KargoDerivedFiles.MANIFESTS)) {
            throw new IllegalStateException("expected new manifests: " + result);
          }
        }
        System.out.printf(
            "%d commits enrolling one more image (a new Warehouse): render median %.1f ms"
                + " (best %.1f), whole commit median %.1f ms%n",
            commits,
            millis(median(render)),
            millis(Arrays.stream(render).min().orElse(0)),
            millis(median(commit)));
        return new Result(
            touchRender,
            touchCommit,
            rebuildRender,
            rebuildCommit,
            millis(median(render)),
            millis(median(commit)));
      }
    } finally {
      BenchRepos.delete(work);
    }
  }

  /** A new build of one managed image: only its {@code currentDigest} changes. */
  private static StatePatch touch(GeneratedState state, int round) {
    ManagedImageState image = (ManagedImageState) state.images.get(0);
    ManagedImageState built =
        changed(image, "sha256:" + String.format("%064x", round + 1), image.rebuildState());
    return TestPatches.write(
        "record build of " + image.name(),
        StateFileStore.imagePath(image.name()),
        new StateFileStore().write(built));
  }

  /** A rebuild of the second image recorded as its last: its Backstage entity changes. */
  private static StatePatch rebuild(GeneratedState state, int round) {
    ManagedImageState image = (ManagedImageState) state.images.get(1);
    Instant at = Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * round);
    RebuildEntry last =
        new RebuildEntry(
            image.name() + "#" + (round + 1),
            at,
            "timer",
            Map.of(),
            List.of(),
            false,
            List.of(),
            null,
            RebuildEntry.DISPATCHED,
            null,
            "https://github.com/example-org/" + image.name() + "/actions/runs/" + round,
            null,
            null,
            null,
            List.of());
    ManagedImageState rebuilt =
        changed(
            image,
            image.currentDigest(),
            new RebuildState("rebuilding", false, null, List.of(), last, List.of(), List.of()));
    return TestPatches.write(
        "record rebuild of " + image.name(),
        StateFileStore.imagePath(image.name()),
        new StateFileStore().write(rebuilt));
  }

  /** One more managed image, so the manifests gain a Warehouse and a Stage. */
  private static StatePatch enroll(int index) {
    ImageState image = States.managed("zz-" + index, "ghcr.io", "example-org/zz-" + index);
    return TestPatches.write(
        "enroll " + image.name(),
        StateFileStore.imagePath(image.name()),
        new StateFileStore().write(image));
  }

  private static void seed(Path remote, GeneratedState state) throws IOException {
    StateFileStore store = new StateFileStore();
    List<Entry> entries = new ArrayList<>();
    for (ImageState image : state.images) {
      entries.add(Entry.file(StateFileStore.imagePath(image.name()), store.write(image)));
    }
    for (BaseImageState base : state.bases) {
      entries.add(Entry.file(StateFileStore.baseImagePath(base.name()), store.write(base)));
    }
    try (Repository repo = GitFixtures.bare(remote)) {
      GitFixtures.commit(repo, "main", "generated state", entries);
      Git.wrap(repo).gc().call();
    } catch (GitAPIException e) {
      throw new IOException(e);
    }
  }

  /** Remembers how long the last render took. */
  private static final class TimedDerivedFiles implements DerivedFiles {
    private final DerivedFiles delegate;
    long last;

    TimedDerivedFiles(DerivedFiles delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<FileChange> render(StateFiles files) {
      long start = System.nanoTime();
      List<FileChange> changes = delegate.render(files);
      last = System.nanoTime() - start;
      return changes;
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** {@code image} with another current digest and rebuild state, as a writer's commit makes it. */
  private static ManagedImageState changed(
      ManagedImageState image, String digest, RebuildState rebuild) {
    return new ManagedImageState(
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
        digest,
        image.lastBuilt(),
        rebuild,
        image.unknownFields());
  }
}
