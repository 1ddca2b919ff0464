package io.imagefactory.worker.metrics;

import io.imagefactory.fleet.ImageFacts;
import io.imagefactory.statefiles.StateFileProblem;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facts of every state file at one commit of the state repository. Built from the previous one
 * by parsing only the files whose bytes changed, so following a 10,000-image repository costs the
 * few files a commit touched; a file that no longer parses keeps its last good facts.
 */
final class FleetState {

  private static final Logger log = LoggerFactory.getLogger(FleetState.class);

  static final FleetState EMPTY = new FleetState(null, Map.of(), Map.of());

  private final String commit;
  // A digest per file, not its bytes: enough to tell a changed file, a fraction of the memory.
  private final Map<String, byte[]> digests;
  private final Map<String, ImageFacts> facts;
  private final Map<String, Map<String, Integer>> counts;

  private FleetState(String commit, Map<String, byte[]> digests, Map<String, ImageFacts> facts) {
    this.commit = commit;
    this.digests = digests;
    this.facts = facts;
    Map<String, Map<String, Integer>> byKind = new HashMap<>();
    for (ImageFacts f : facts.values()) {
      byKind.computeIfAbsent(f.kind(), k -> new HashMap<>()).merge(f.status(), 1, Integer::sum);
    }
    this.counts = byKind;
  }

  /** The state at {@code commit}, whose state files are {@code files}. */
  FleetState next(String nextCommit, SortedMap<String, byte[]> files) {
    Map<String, byte[]> changed = new TreeMap<>();
    Map<String, byte[]> nextDigests = new HashMap<>();
    files.forEach(
        (path, bytes) -> {
          byte[] digest = digest(bytes);
          nextDigests.put(path, digest);
          if (!Arrays.equals(digest, digests.get(path))) {
            changed.put(path, bytes);
          }
        });
    Map<String, ImageFacts> nextFacts = new HashMap<>(facts);
    nextFacts.keySet().retainAll(files.keySet());
    StateSnapshot snapshot = new StateSnapshotReader().read(changed);
    snapshot
        .images()
        .forEach((name, s) -> nextFacts.put(StateFileStore.imagePath(name), ImageFacts.of(s)));
    snapshot
        .baseImages()
        .forEach((name, s) -> nextFacts.put(StateFileStore.baseImagePath(name), ImageFacts.of(s)));
    for (StateFileProblem problem : snapshot.problems()) {
      log.warn(
          "State file {}: {}; the metrics {}",
          problem.path(),
          problem.reason(),
          nextFacts.containsKey(problem.path()) ? "keep its last good version" : "leave it out");
    }
    return new FleetState(nextCommit, nextDigests, nextFacts);
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String commit() {
    return commit;
  }

  /** How many images of {@code kind} are in {@code status}. */
  int count(String kind, String status) {
    return counts.getOrDefault(kind, Map.of()).getOrDefault(status, 0);
  }

  /** How many managed images are stale at {@code now}. */
  long stale(Instant now, Duration staleAfter) {
    return facts.values().stream().filter(f -> f.staleAt(now, staleAfter)).count();
  }

  /** Every path that has facts, for tests. */
  List<String> paths() {
    return facts.keySet().stream().sorted().toList();
  }
}
