package io.imagefactory.backstage;

import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import io.imagefactory.staterepo.DerivedFiles;
import io.imagefactory.staterepo.StateFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders {@code dist/backstage/catalog-info.yaml} inside every state-repository commit, beside the
 * Kargo manifests, so the developer portal reads the same state the commit holds.
 *
 * <p>Each entity comes from one state file, so each file's entity document is kept by the file's
 * blob id: a commit that touches a few files of thousands renders those few. A changed file whose
 * document came out the same (a new digest, which the entities do not show) keeps the previous
 * entry, and when every entry is the one of the last render and the file in the tree is the one
 * rendered last, nothing is assembled at all.
 */
public final class BackstageDerivedFiles implements DerivedFiles {

  public static final String CATALOG = BackstageCatalogRenderer.OUTPUT_PATH;

  private static final Logger log = LoggerFactory.getLogger(BackstageDerivedFiles.class);

  /** Below this many changed files, one thread builds their entities quicker than several. */
  static final int PARALLEL_FROM = 256;

  private final BackstageCatalogRenderer renderer;
  private final StateSnapshotReader reader = new StateSnapshotReader();

  private record Cached(String contentId, CatalogEntry entry) {}

  private Map<String, Cached> byPath = new HashMap<>();
  private List<CatalogEntry> lastEntries = List.of();
  private List<String> lastProblems = List.of();
  private String lastOutputId;

  public BackstageDerivedFiles(BackstageCatalogRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public synchronized List<FileChange> render(StateFiles files) {
    Map<String, Cached> next = new HashMap<>(byPath.size() * 2 + 16);
    List<String> paths = new ArrayList<>(byPath.size() + 16);
    List<Integer> changed = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String dir : List.of(StateFileStore.IMAGES_DIR, StateFileStore.BASE_IMAGES_DIR)) {
      for (String path : files.list(dir)) {
        String id = files.contentId(path).orElseThrow();
        Cached cached = byPath.get(path);
        if (cached == null || !cached.contentId().equals(id)) {
          // The object reader is not thread-safe: blobs are read here, entities built below.
          changed.add(paths.size());
          contents.add(files.read(path).orElseThrow());
          ids.add(id);
        }
        paths.add(path);
      }
    }
    Cached[] read = new Cached[changed.size()];
    IntStream range = IntStream.range(0, read.length);
    (read.length >= PARALLEL_FROM ? range.parallel() : range)
        .forEach(
            i -> {
              String path = paths.get(changed.get(i));
              read[i] = new Cached(ids.get(i), read(path, contents.get(i), byPath.get(path)));
            });
    List<CatalogEntry> entries = new ArrayList<>(paths.size());
    int nextChanged = 0;
    for (int i = 0; i < paths.size(); i++) {
      Cached cached;
      if (nextChanged < read.length && changed.get(nextChanged) == i) {
        cached = read[nextChanged++];
      } else {
        cached = byPath.get(paths.get(i));
      }
      next.put(paths.get(i), cached);
      if (cached.entry() != null) {
        entries.add(cached.entry());
      }
    }
    byPath = next;
    String current = files.contentId(CATALOG).orElse(null);
    if (sameInstances(entries, lastEntries) && current != null && current.equals(lastOutputId)) {
      return List.of();
    }
    BackstageRenderResult result = renderer.assemble(entries);
    if (!result.problems().equals(lastProblems)) {
      result.problems().forEach(problem -> log.warn("Not in the Backstage catalog: {}", problem));
    }
    byte[] content = result.content().getBytes(StandardCharsets.UTF_8);
    lastEntries = entries;
    lastProblems = result.problems();
    lastOutputId = StateFiles.contentIdOf(content);
    return List.of(FileChange.write(CATALOG, content, current != null));
  }

  /**
   * The entry of a changed state file, or null for a file that is no state file. An entry equal to
   * the file's previous one is kept as that same instance, so an unchanged catalog is recognised by
   * identity.
   */
  private CatalogEntry read(String path, byte[] content, Cached previous) {
    StateSnapshot snapshot = reader.read(Map.of(path, content));
    CatalogEntry entry = null;
    if (!snapshot.images().isEmpty()) {
      entry = renderer.entry(snapshot.images().values().iterator().next());
    } else if (!snapshot.baseImages().isEmpty()) {
      entry = renderer.entry(snapshot.baseImages().values().iterator().next());
    } else if (!snapshot.problems().isEmpty()) {
      entry = CatalogEntry.failed(null, false, snapshot.problems().get(0).toString());
    }
    if (previous != null && previous.entry() != null && previous.entry().equals(entry)) {
      return previous.entry();
    }
    return entry;
  }

  private static boolean sameInstances(List<CatalogEntry> entries, List<CatalogEntry> last) {
    if (entries.size() != last.size()) {
      return false;
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) != last.get(i)) {
        return false;
      }
    }
    return true;
  }
}
