package io.imagefactory.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.fleet.ImageFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FleetStateTest {

  private static final Path STATE = Path.of("src/test/resources/state");
  private static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");
  private static final String WAITING_API =
      """
      name: api
      enrolledAt: "2024-12-04T10:00:00Z"
      discoveryStatus: success
      enrollment:
        registry: ghcr.io
        repository: example-org/api
        source:
          provider: github
          repo: example-org/api
          dockerfile: Dockerfile
          workflow: build.yml
        rebuildDelay: 7d
        autoRebuild: true
      baseImages:
        - node-22-bookworm-slim
      lastBuilt: "2025-01-01T00:00:00Z"
      rebuildState:
        status: waiting
        pendingRebuild: false
        candidates:
          - baseImage: node-22-bookworm-slim
            digest: sha256:bb
            firstSeen: "2025-02-27T00:00:00Z"
      """;

  private static SortedMap<String, byte[]> fixture() throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (String dir : new String[] {"images", "base-images"}) {
      try (Stream<Path> paths = Files.list(STATE.resolve(dir))) {
        for (Path path : paths.toList()) {
          files.put(dir + "/" + path.getFileName(), Files.readAllBytes(path));
        }
      }
    }
    return files;
  }

  @Test
  void countsImagesByKindAndStatusAndLeavesOutFilesThatNeverParsed() throws IOException {
    FleetState state = FleetState.EMPTY.next("c1", fixture());

    assertThat(state.commit()).isEqualTo("c1");
    assertThat(state.count(ImageFacts.MANAGED, ImageFacts.WATCHING)).isEqualTo(2);
    assertThat(state.count(ImageFacts.EXTERNAL, ImageFacts.WATCHING)).isEqualTo(1);
    assertThat(state.paths()).doesNotContain("images/unreadable.yaml", "images/Broken_Name.yaml");
    assertThat(ImageFacts.STATUSES.stream().mapToInt(s -> state.count(ImageFacts.BASE, s)).sum())
        .isEqualTo(3);
  }

  @Test
  void aChangedFileMovesItsImageAndABrokenEditKeepsItsLastGoodFacts() throws IOException {
    SortedMap<String, byte[]> files = fixture();
    FleetState first = FleetState.EMPTY.next("c1", files);
    files.put("images/api.yaml", WAITING_API.getBytes(StandardCharsets.UTF_8));

    FleetState waiting = first.next("c2", files);

    assertThat(waiting.count(ImageFacts.MANAGED, ImageFacts.WATCHING)).isEqualTo(1);
    assertThat(waiting.count(ImageFacts.MANAGED, ImageFacts.WAITING)).isEqualTo(1);
    // Built two months ago with a newer base digest waiting: stale past 30 days, not past 90.
    assertThat(waiting.stale(NOW, Duration.ofDays(30))).isEqualTo(1);
    assertThat(waiting.stale(NOW, Duration.ofDays(90))).isZero();

    files.put("images/api.yaml", "name: api\nenrollment: [broken".getBytes(StandardCharsets.UTF_8));
    FleetState broken = waiting.next("c3", files);
    assertThat(broken.count(ImageFacts.MANAGED, ImageFacts.WAITING)).isEqualTo(1);

    files.remove("images/api.yaml");
    FleetState removed = broken.next("c4", files);
    assertThat(removed.count(ImageFacts.MANAGED, ImageFacts.WAITING)).isZero();
    assertThat(removed.paths()).doesNotContain("images/api.yaml");
  }
}
