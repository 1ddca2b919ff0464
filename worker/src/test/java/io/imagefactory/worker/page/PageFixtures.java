package io.imagefactory.worker.page;

import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** State files written as a state repository holds them, read as the page's index reads them. */
final class PageFixtures {

  private PageFixtures() {}

  /** The snapshot of {@code files} (path to YAML text); fails on a file that does not parse. */
  static StateSnapshot states(Map<String, String> files) {
    Map<String, byte[]> bytes = new TreeMap<>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    StateSnapshot snapshot = new StateSnapshotReader().read(bytes);
    if (!snapshot.problems().isEmpty()) {
      throw new AssertionError("fixture state files do not parse: " + snapshot.problems());
    }
    return snapshot;
  }

  static String base(String name) {
    return """
    name: %s
    fullImage: library/%s:latest
    registry: docker.io
    repository: library/%s
    tag: latest
    repoURL: docker.io/library/%s
    watched: true
    dependentImages: []
    currentDigest: null
    lastUpdated: null
    """
        .formatted(name, name, name, name);
  }

  /**
   * A managed image built on {@code bases}, with {@code rebuildState} as given (YAML, indented).
   */
  static String managed(String name, String rebuildState, String... bases) {
    StringBuilder yaml =
        new StringBuilder(
            """
            name: %s
            enrolledAt: "2026-01-01T00:00:00Z"
            discoveryStatus: success
            enrollment:
              registry: ghcr.io
              repository: example-org/%s
              source:
                provider: github
                dockerfile: %s/Dockerfile
                workflow: build.yml
              rebuildDelay: 7d
              autoRebuild: true
            baseImages:
            """
                .formatted(name, name, name));
    if (bases.length == 0) {
      yaml.setLength(yaml.length() - 1);
      yaml.append(" []\n");
    }
    for (String base : bases) {
      yaml.append("  - ").append(base).append('\n');
    }
    return yaml.append("rebuildState:\n").append(rebuildState).toString();
  }

  static final String MONITORING = "  status: monitoring\n  pendingRebuild: false\n";
}
