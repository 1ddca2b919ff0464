package io.imagefactory.bench.enrollment;

import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.enrollment.CatalogActivitiesImpl;
import io.imagefactory.enrollment.EntitySetups;
import io.imagefactory.enrollment.StateRepositorySetups;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoActivitiesImpl;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.imagefactory.staterepo.StateTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Times, in one process, the steps of an unchanged enrollment's activities on a state repository
 * that an enrollment already committed (as the benchmark leaves one in {@code
 * <dir>/<N>/state.git}): reading the tip, parsing the state files and {@code images.yaml}, the
 * commit that finds nothing to change, and reading the entity setups. Each step runs a few times;
 * the last is printed.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.enrollment.EnrollmentPhasesTiming /tmp/enrollment-bench/5000/state.git
 * </pre>
 */
public final class EnrollmentPhasesTiming {

  private static final int ROUNDS = 5;

  private EnrollmentPhasesTiming() {}

  public static void main(String[] args) throws Exception {
    Path remote = Path.of(args[0]).toAbsolutePath();
    Path cache = Files.createTempDirectory("phases-cache");
    KargoDerivedFiles derived =
        new KargoDerivedFiles(new KargoManifestRenderer(KargoSettings.defaults()));
    try (StateRepository repository =
        new StateRepository(StateRepositorySettings.of(remote.toString(), cache), derived)) {
      StateSnapshotReader reader = new StateSnapshotReader();
      StateTree tree = time("read tip (git)", repository::read);
      StateSnapshot snapshot = time("parse state files", () -> reader.read(tree.files()));
      time(
          "parse images.yaml",
          () ->
              new CatalogLoader()
                  .parse(
                      CatalogLoader.FILE_NAME, tree.file(CatalogLoader.FILE_NAME).orElseThrow()));
      time(
          "readCatalog activity",
          () -> new CatalogActivitiesImpl(repository).readCatalog(EnrollmentRequest.of("timing")));
      time("entity setups", () -> EntitySetups.of(snapshot));
      time("setups at tip (read + parse)", () -> new StateRepositorySetups(repository).tip());
      StateRepoActivitiesImpl commits = new StateRepoActivitiesImpl(repository);
      int[] batch = {0};
      time(
          "unchanged commit activity",
          () ->
              commits.commit(
                  new CommitRequest(
                      List.of(
                          new StateChangeBatch(
                              "timing-" + batch[0]++,
                              "enrollment",
                              List.of(new EnrollmentChange(List.of(), Instant.now())))))));
    }
  }

  private static <T> T time(String step, Callable<T> work) throws Exception {
    T result = null;
    long nanos = 0;
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      result = work.call();
      nanos = System.nanoTime() - start;
    }
    System.out.printf(Locale.ROOT, "%-32s %8.1f ms%n", step, nanos / 1e6);
    return result;
  }
}
