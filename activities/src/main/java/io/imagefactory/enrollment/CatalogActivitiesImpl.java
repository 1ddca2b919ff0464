package io.imagefactory.enrollment;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogError;
import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositoryException;
import io.imagefactory.staterepo.StateRepositoryFailure;
import io.imagefactory.staterepo.StateTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code images.yaml} and the state files from the state repository's tip, and picks the
 * managed images the enrollment analyses; a drift check adds those whose source moved.
 */
public class CatalogActivitiesImpl implements CatalogActivities {

  private static final Logger log = LoggerFactory.getLogger(CatalogActivitiesImpl.class);

  private final StateRepository repository;
  private final CatalogLoader loader = new CatalogLoader();
  private final MovedSources moved;

  /** Without source repositories: a drift check sees only Dockerfiles kept in the state repo. */
  public CatalogActivitiesImpl(StateRepository repository) {
    this(repository, null);
  }

  /** With the source repositories' cache, which a drift check fetches. */
  public CatalogActivitiesImpl(StateRepository repository, SourceCache sources) {
    this.repository = repository;
    this.moved = new MovedSources(repository, sources);
  }

  @Override
  public CatalogView readCatalog(EnrollmentRequest request) {
    StateTree tree;
    try {
      tree = repository.read();
    } catch (StateRepositoryException e) {
      throw StateRepositoryFailure.of(e, "images.yaml not read", log);
    }
    StateSnapshot snapshot = tree.snapshot();
    List<String> images = List.copyOf(snapshot.images().keySet());
    List<String> bases = List.copyOf(snapshot.baseImages().keySet());
    byte[] yaml = tree.file(CatalogLoader.FILE_NAME).orElse(new byte[0]);
    Catalog catalog;
    try {
      // Key files live outside the state files the tree holds: each is read at the same commit.
      catalog =
          loader.parse(
              CatalogLoader.FILE_NAME,
              yaml,
              path -> repository.readAt(tree.commitId(), path::equals).flatMap(t -> t.file(path)));
    } catch (CatalogException e) {
      List<String> errors = e.errors().stream().map(CatalogError::toString).toList();
      log.warn(
          "images.yaml at {} is invalid ({} error(s)); nothing changes",
          tree.commitId(),
          errors.size());
      return new CatalogView(
          tree.commitId(), errors, List.of(), List.of(), List.of(), images, bases);
    }
    List<ImageEntry> toAnalyse = new ArrayList<>();
    List<ImageEntry> unchanged = new ArrayList<>();
    List<String> external = new ArrayList<>();
    for (ImageEntry entry : catalog.entries()) {
      if (!entry.managed()) {
        external.add(entry.name());
      } else if (AnalysisSelection.needsAnalysis(
          entry, snapshot.images().get(entry.name()), request)) {
        toAnalyse.add(entry);
      } else {
        unchanged.add(entry);
      }
    }
    if (request.reanalyzeMoved() && !unchanged.isEmpty()) {
      Set<String> drifted = moved.of(unchanged, snapshot.images(), tree.commitId());
      unchanged.stream().filter(e -> drifted.contains(e.name())).forEach(toAnalyse::add);
      unchanged.removeIf(e -> drifted.contains(e.name()));
    }
    return new CatalogView(
        tree.commitId(),
        List.of(),
        AnalysisSelection.group(toAnalyse, tree.commitId()),
        unchanged.stream().map(ImageEntry::name).toList(),
        external,
        images,
        bases);
  }

  @Override
  public EntityPlan readEntities(String commitId) {
    // The tip holds the given commit or a newer one; newer state is what the entities should see.
    return EntitySetups.of(repository.read().snapshot());
  }
}
