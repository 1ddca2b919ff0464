package io.imagefactory.kargo;

import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import io.imagefactory.staterepo.DerivedFiles;
import io.imagefactory.staterepo.StateFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders {@code dist/image-factory.k8s.yaml} inside every state-repository commit, so the state
 * files and the manifests Argo CD deploys always change together.
 *
 * <p>A commit usually touches a few state files of thousands, and most of those changes (a digest,
 * a rebuild) do not change what Kargo watches. So each state file's entry and its rendered
 * Warehouse and Stage are kept by the file's blob id: only changed files are read again, and when
 * no entry changed and the file in the tree is the one rendered last, nothing is rendered at all.
 * Entries that cannot be watched are left out and logged; the rest still render.
 */
public final class KargoDerivedFiles implements DerivedFiles {

  public static final String MANIFESTS = KargoManifestRenderer.OUTPUT_PATH;

  private static final Logger log = LoggerFactory.getLogger(KargoDerivedFiles.class);

  private final KargoManifestRenderer renderer;
  private final StateSnapshotReader reader = new StateSnapshotReader();

  /** What a state file with this content contributes; {@code fragment} is null without target. */
  private record Cached(String contentId, WatchEntry entry, String fragment) {}

  private Map<String, Cached> byPath = new HashMap<>();
  private List<WatchEntry> lastEntries = List.of();
  private List<String> lastProblems = List.of();
  private String lastOutputId;

  public KargoDerivedFiles(KargoManifestRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public synchronized List<FileChange> render(StateFiles files) {
    Map<String, Cached> next = new HashMap<>(byPath.size() * 2 + 16);
    List<WatchEntry> entries = new ArrayList<>(byPath.size() + 16);
    Map<WatchTarget, String> fragments = new IdentityHashMap<>(byPath.size() * 2 + 16);
    for (String dir : List.of(StateFileStore.IMAGES_DIR, StateFileStore.BASE_IMAGES_DIR)) {
      for (String path : files.list(dir)) {
        String id = files.contentId(path).orElseThrow();
        Cached cached = byPath.get(path);
        if (cached == null || !cached.contentId().equals(id)) {
          cached = read(path, id, files.read(path).orElseThrow(), cached);
        }
        next.put(path, cached);
        entries.add(cached.entry());
        if (cached.fragment() != null) {
          fragments.put(cached.entry().target(), cached.fragment());
        }
      }
    }
    byPath = next;
    String current = files.contentId(MANIFESTS).orElse(null);
    if (sameInstances(entries, lastEntries) && current != null && current.equals(lastOutputId)) {
      return List.of();
    }
    WatchPlan plan = WatchPlan.of(entries);
    if (!plan.problems().equals(lastProblems)) {
      plan.problems().forEach(problem -> log.warn("Not watched by Kargo: {}", problem));
    }
    List<String> ordered = new ArrayList<>(plan.targets().size());
    for (WatchTarget target : plan.targets()) {
      ordered.add(fragments.get(target));
    }
    byte[] content = renderer.assemble(ordered).getBytes(StandardCharsets.UTF_8);
    lastEntries = entries;
    lastProblems = plan.problems();
    lastOutputId = StateFiles.contentIdOf(content);
    return List.of(FileChange.write(MANIFESTS, content, current != null));
  }

  /** The entries the last render left out of the manifests, each naming file, entry and field. */
  @Override
  public synchronized List<String> problems() {
    return lastProblems.stream().map(p -> "not watched by Kargo: " + p).toList();
  }

  /**
   * The entry of a changed state file. An entry equal to the file's previous one is kept as that
   * same instance, so an unchanged plan is recognised by identity.
   */
  private Cached read(String path, String id, byte[] content, Cached previous) {
    StateSnapshot snapshot = reader.read(Map.of(path, content));
    WatchEntry entry = WatchEntry.NOTHING;
    if (!snapshot.images().isEmpty()) {
      entry = WatchEntry.of(snapshot.images().values().iterator().next());
    } else if (!snapshot.baseImages().isEmpty()) {
      entry = WatchEntry.of(snapshot.baseImages().values().iterator().next());
    }
    if (previous != null && previous.entry().equals(entry)) {
      return new Cached(id, previous.entry(), previous.fragment());
    }
    return new Cached(id, entry, entry.target() == null ? null : renderer.fragment(entry.target()));
  }

  private static boolean sameInstances(List<WatchEntry> entries, List<WatchEntry> last) {
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
