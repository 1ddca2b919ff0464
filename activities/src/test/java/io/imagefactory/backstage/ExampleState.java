package io.imagefactory.backstage;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.enrollment.StateDirectoryAnalyzer;
import io.imagefactory.enrollment.plan.AnalysisOutcome;
import io.imagefactory.enrollment.plan.EnrollmentPlan;
import io.imagefactory.enrollment.plan.EnrollmentPlanner;
import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state files of the project's {@code examples/} state repository after its first enrollment
 * (analysed offline, at a fixed time): six managed images, one of them a base of another, one
 * external image and their bases. Its catalog, with the state repository at {@link
 * #STATE_REPO_URL}, is {@link #GOLDEN_CATALOG}.
 */
public final class ExampleState {

  public static final String STATE_REPO_URL =
      "https://github.com/example-org/image-factory-state.git";

  /** The test resource holding the examples' catalog. */
  public static final String GOLDEN_CATALOG = "backstage/examples.catalog-info.yaml";

  public static final Instant ENROLLED = Instant.parse("2026-11-01T10:00:00Z");

  private ExampleState() {}

  static Path examples() {
    return Path.of(System.getProperty("image-factory.project-dir", "..")).resolve("examples");
  }

  /** The state files by path. */
  public static Map<String, byte[]> files() throws IOException, CatalogException {
    Path examples = examples();
    Catalog catalog = new CatalogLoader().load(examples.resolve("images.yaml"));
    Map<String, AnalysisOutcome> outcomes = new StateDirectoryAnalyzer().analyse(examples, catalog);
    EnrollmentPlan plan =
        new EnrollmentPlanner().plan(catalog, StateSnapshot.empty(), outcomes, ENROLLED);
    Map<String, byte[]> files = new TreeMap<>();
    for (FileChange change : plan.changes()) {
      files.put(change.path(), change.content());
    }
    return files;
  }

  public static StateSnapshot snapshot() throws IOException, CatalogException {
    StateSnapshot snapshot = new StateSnapshotReader().read(files());
    if (!snapshot.problems().isEmpty()) {
      throw new IllegalStateException("example state files unreadable: " + snapshot.problems());
    }
    return snapshot;
  }
}
