package io.imagefactory.starter;

import io.imagefactory.staterepo.GitFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/**
 * A generated state repository with a known answer: two months of commits in which rebuilds are
 * asked for, dispatched, built and failed, one image is removed, and an image's state file drops an
 * old rebuild from its bounded history. As of {@link #NOW} with a 30-day stale age:
 *
 * <ul>
 *   <li>{@code api} is stale: built 2025-01-15, a newer golang digest waits since 2025-01-20, its
 *       last rebuild failed (so it counts as failed); its run link carries a script tag;
 *   <li>{@code web} is current: rebuilt onto the new node digest on 2025-02-20;
 *   <li>{@code worker} awaits approval since 2025-02-25 (behind by one, built 2025-02-10: not stale
 *       yet);
 *   <li>{@code postgres} is external; {@code legacy} was removed on 2025-01-20 and appears only in
 *       the audit trail;
 *   <li>five rebuilds in all: legacy#1 (built), api#1 (built, no longer in api's state file), api#2
 *       (failed), web#1 (built), worker#1 (rejected).
 * </ul>
 */
final class ReportFleet {

  static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");

  static final String GO_OLD = digest('a');
  static final String GO_NEW = digest('b');
  static final String NODE_OLD = digest('c');
  static final String NODE_NEW = digest('d');
  static final String ALPINE = digest('e');
  static final String PG = digest('f');
  static final String HOSTILE_RUN =
      "https://github.com/example-org/api/actions/runs/2\"><script>alert(1)</script>";

  private ReportFleet() {}

  /** Writes the repository as a bare repository at {@code dir}. */
  static Path create(Path dir) throws IOException {
    try (Repository git = GitFixtures.bare(dir)) {
      commit(
          git,
          "2025-01-01T00:00:00Z",
          "enroll",
          files(
              "images/api.yaml",
                  managed("api", List.of("golang-1.23"), List.of(), null, null, monitoring()),
              "images/web.yaml",
                  managed(
                      "web",
                      List.of("node-22", "alpine-3.20"),
                      List.of("alpine-3.20"),
                      null,
                      null,
                      monitoring()),
              "images/legacy.yaml",
                  managed("legacy", List.of("node-22"), List.of(), null, null, monitoring()),
              "images/postgres.yaml", external("postgres", PG, "2025-01-01T00:00:00Z"),
              "base-images/golang-1.23.yaml", base("golang-1.23", true, GO_OLD, List.of("api")),
              "base-images/node-22.yaml", base("node-22", true, NODE_OLD, List.of("legacy", "web")),
              "base-images/alpine-3.20.yaml", base("alpine-3.20", false, ALPINE, List.of("web"))));
      commit(
          git,
          "2025-01-05T09:00:00Z",
          "legacy#1 dispatched",
          files(
              "images/legacy.yaml",
              managed(
                  "legacy",
                  List.of("node-22"),
                  List.of(),
                  null,
                  null,
                  state(
                      "rebuilding",
                      false,
                      null,
                      List.of(),
                      rebuild(
                          "legacy#1",
                          "2025-01-05T09:00:00Z",
                          "now",
                          "dispatched",
                          "https://github.com/example-org/legacy/actions/runs/1",
                          null),
                      List.of(),
                      0))));
      commit(
          git,
          "2025-01-06T09:00:00Z",
          "legacy#1 built",
          files(
              "images/legacy.yaml",
              managed(
                  "legacy",
                  List.of("node-22"),
                  List.of(),
                  digest('1'),
                  "2025-01-06T09:00:00Z",
                  state(
                      "monitoring",
                      false,
                      null,
                      List.of(),
                      rebuild(
                          "legacy#1",
                          "2025-01-05T09:00:00Z",
                          "now",
                          "built",
                          "https://github.com/example-org/legacy/actions/runs/1",
                          "2025-01-06T09:00:00Z"),
                      List.of(),
                      0))));
      commit(
          git,
          "2025-01-10T09:00:00Z",
          "api#1 dispatching",
          files(
              "images/api.yaml",
              managed(
                  "api",
                  List.of("golang-1.23"),
                  List.of(),
                  null,
                  null,
                  state(
                      "rebuilding",
                      false,
                      null,
                      List.of(),
                      rebuild("api#1", "2025-01-10T09:00:00Z", "timer", "dispatching", null, null),
                      List.of(),
                      0))));
      commit(
          git,
          "2025-01-10T09:05:00Z",
          "api#1 dispatched",
          files(
              "images/api.yaml",
              managed(
                  "api",
                  List.of("golang-1.23"),
                  List.of(),
                  null,
                  null,
                  state(
                      "rebuilding",
                      false,
                      null,
                      List.of(),
                      rebuild(
                          "api#1",
                          "2025-01-10T09:00:00Z",
                          "timer",
                          "dispatched",
                          "https://github.com/example-org/api/actions/runs/1",
                          null),
                      List.of(),
                      0))));
      commit(
          git,
          "2025-01-15T08:00:00Z",
          "api#1 built",
          files(
              "images/api.yaml",
              managed(
                  "api",
                  List.of("golang-1.23"),
                  List.of(),
                  digest('2'),
                  "2025-01-15T08:00:00Z",
                  state(
                      "monitoring",
                      false,
                      null,
                      List.of(),
                      rebuild(
                          "api#1",
                          "2025-01-10T09:00:00Z",
                          "timer",
                          "built",
                          "https://github.com/example-org/api/actions/runs/1",
                          "2025-01-15T08:00:00Z"),
                      List.of(),
                      0))));
      Map<String, String> removal =
          files(
              "base-images/golang-1.23.yaml", base("golang-1.23", true, GO_NEW, List.of("api")),
              "base-images/node-22.yaml", base("node-22", true, NODE_OLD, List.of("web")),
              "images/api.yaml",
                  managed(
                      "api",
                      List.of("golang-1.23"),
                      List.of(),
                      digest('2'),
                      "2025-01-15T08:00:00Z",
                      state(
                          "waiting",
                          false,
                          "2025-01-27T00:00:00Z",
                          List.of(candidate("golang-1.23", GO_NEW, "2025-01-20T00:00:00Z")),
                          rebuild(
                              "api#1",
                              "2025-01-10T09:00:00Z",
                              "timer",
                              "built",
                              "https://github.com/example-org/api/actions/runs/1",
                              "2025-01-15T08:00:00Z"),
                          List.of(),
                          0)));
      removal.put("images/legacy.yaml", null);
      commit(git, "2025-01-20T00:00:00Z", "remove legacy; golang moves", removal);
      commit(
          git,
          "2025-01-27T00:00:00Z",
          "api#2 dispatched",
          files(
              "images/api.yaml",
              managed(
                  "api",
                  List.of("golang-1.23"),
                  List.of(),
                  digest('2'),
                  "2025-01-15T08:00:00Z",
                  state(
                      "rebuilding",
                      false,
                      "2025-01-27T00:00:00Z",
                      List.of(candidate("golang-1.23", GO_NEW, "2025-01-20T00:00:00Z")),
                      rebuild(
                          "api#2",
                          "2025-01-27T00:00:00Z",
                          "timer",
                          "dispatched",
                          HOSTILE_RUN,
                          null),
                      List.of(
                          rebuild(
                              "api#1",
                              "2025-01-10T09:00:00Z",
                              "timer",
                              "built",
                              "https://github.com/example-org/api/actions/runs/1",
                              "2025-01-15T08:00:00Z")),
                      0))));
      // The state file's history is bounded: api#1 leaves it here, and only git remembers it.
      commit(
          git,
          "2025-01-28T00:00:00Z",
          "api#2 failed",
          files(
              "images/api.yaml",
              managed(
                  "api",
                  List.of("golang-1.23"),
                  List.of(),
                  digest('2'),
                  "2025-01-15T08:00:00Z",
                  state(
                      "failed",
                      false,
                      "2025-01-27T00:00:00Z",
                      List.of(candidate("golang-1.23", GO_NEW, "2025-01-20T00:00:00Z")),
                      rebuild(
                          "api#2",
                          "2025-01-27T00:00:00Z",
                          "timer",
                          "failed",
                          HOSTILE_RUN,
                          "2025-01-28T00:00:00Z"),
                      List.of(),
                      1))));
      commit(
          git,
          "2025-02-05T00:00:00Z",
          "node moves",
          files(
              "base-images/node-22.yaml",
              base("node-22", true, NODE_NEW, List.of("web", "worker")),
              "images/web.yaml",
              managed(
                  "web",
                  List.of("node-22", "alpine-3.20"),
                  List.of("alpine-3.20"),
                  null,
                  null,
                  state(
                      "waiting",
                      false,
                      "2025-02-12T00:00:00Z",
                      List.of(candidate("node-22", NODE_NEW, "2025-02-05T00:00:00Z")),
                      null,
                      List.of(),
                      0)),
              "images/worker.yaml",
              managed(
                  "worker",
                  List.of("node-22"),
                  List.of(),
                  digest('3'),
                  "2025-02-10T00:00:00Z",
                  state(
                      "waiting",
                      false,
                      "2025-02-25T00:00:00Z",
                      List.of(candidate("node-22", NODE_NEW, "2025-02-18T00:00:00Z")),
                      null,
                      List.of(),
                      0))));
      commit(
          git,
          "2025-02-12T00:00:00Z",
          "web#1 dispatched",
          files(
              "images/web.yaml",
              managed(
                  "web",
                  List.of("node-22", "alpine-3.20"),
                  List.of("alpine-3.20"),
                  null,
                  null,
                  state(
                      "rebuilding",
                      false,
                      "2025-02-12T00:00:00Z",
                      List.of(),
                      rebuild(
                          "web#1",
                          "2025-02-12T00:00:00Z",
                          "timer",
                          "dispatched",
                          "https://github.com/example-org/web/actions/runs/11",
                          null),
                      List.of(),
                      0))));
      commit(
          git,
          "2025-02-20T00:00:00Z",
          "web#1 built",
          files(
              "images/web.yaml",
              managed(
                  "web",
                  List.of("node-22", "alpine-3.20"),
                  List.of("alpine-3.20"),
                  digest('4'),
                  "2025-02-20T00:00:00Z",
                  state(
                      "monitoring",
                      false,
                      null,
                      List.of(),
                      rebuild(
                          "web#1",
                          "2025-02-12T00:00:00Z",
                          "timer",
                          "built",
                          "https://github.com/example-org/web/actions/runs/11",
                          "2025-02-20T00:00:00Z"),
                      List.of(),
                      0))));
      commit(
          git,
          "2025-02-22T00:00:00Z",
          "worker#1 rejected",
          files(
              "images/worker.yaml",
              managed(
                  "worker",
                  List.of("node-22"),
                  List.of(),
                  digest('3'),
                  "2025-02-10T00:00:00Z",
                  state(
                      "waiting",
                      false,
                      "2025-02-25T00:00:00Z",
                      List.of(candidate("node-22", NODE_NEW, "2025-02-18T00:00:00Z")),
                      rebuild(
                          "worker#1",
                          "2025-02-22T00:00:00Z",
                          "now",
                          "rejected",
                          null,
                          "2025-02-22T00:00:00Z"),
                      List.of(),
                      0))));
      commit(
          git,
          "2025-02-25T00:00:00Z",
          "worker awaits approval",
          files(
              "images/worker.yaml",
              managed(
                  "worker",
                  List.of("node-22"),
                  List.of(),
                  digest('3'),
                  "2025-02-10T00:00:00Z",
                  state(
                      "awaiting-approval",
                      true,
                      "2025-02-25T00:00:00Z",
                      List.of(candidate("node-22", NODE_NEW, "2025-02-18T00:00:00Z")),
                      rebuild(
                          "worker#1",
                          "2025-02-22T00:00:00Z",
                          "now",
                          "rejected",
                          null,
                          "2025-02-22T00:00:00Z"),
                      List.of(),
                      0))));
    }
    return dir;
  }

  /** An empty fleet: a state repository with only {@code images.yaml}. */
  static Path empty(Path dir) throws IOException {
    try (Repository git = GitFixtures.bare(dir)) {
      commit(git, "2025-01-01T00:00:00Z", "start", files("images.yaml", "images: []\n"));
    }
    return dir;
  }

  private static void commit(Repository git, String at, String message, Map<String, String> files)
      throws IOException {
    GitFixtures.commitAt(git, "main", message, files, Instant.parse(at));
  }

  private static Map<String, String> files(String... pathsAndTexts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
    }
    return files;
  }

  static String digest(char fill) {
    return "sha256:" + String.valueOf(fill).repeat(64);
  }

  private static String managed(
      String name,
      List<String> bases,
      List<String> pinned,
      String digest,
      String builtAt,
      String rebuildState) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: ").append(name).append('\n');
    yaml.append("enrolledAt: \"2025-01-01T00:00:00Z\"\n");
    yaml.append("discoveryStatus: success\n");
    yaml.append("enrollment:\n  registry: ghcr.io\n  repository: example-org/")
        .append(name)
        .append('\n');
    yaml.append("  source:\n    provider: github\n    dockerfile: ")
        .append(name)
        .append("/Dockerfile\n");
    yaml.append("    workflow: build.yml\n  rebuildDelay: 7d\n  autoRebuild: ")
        .append(!name.equals("worker"))
        .append('\n');
    yaml.append("baseImages:\n");
    bases.forEach(b -> yaml.append("  - ").append(b).append('\n'));
    if (!pinned.isEmpty()) {
      yaml.append("pinnedBaseImages:\n");
      pinned.forEach(b -> yaml.append("  - ").append(b).append('\n'));
    }
    if (digest != null) {
      yaml.append("currentDigest: ").append(digest).append('\n');
      yaml.append("lastBuilt: \"").append(builtAt).append("\"\n");
    }
    return yaml + rebuildState;
  }

  private static String monitoring() {
    return state("monitoring", false, null, List.of(), null, List.of(), 0);
  }

  private static String state(
      String status,
      boolean pending,
      String eligibleAt,
      List<String> candidates,
      String lastRebuild,
      List<String> history,
      int failedAttempts) {
    StringBuilder yaml = new StringBuilder("rebuildState:\n");
    yaml.append("  status: ").append(status).append('\n');
    yaml.append("  pendingRebuild: ").append(pending).append('\n');
    if (eligibleAt != null) {
      yaml.append("  eligibleAt: \"").append(eligibleAt).append("\"\n");
    }
    if (!candidates.isEmpty()) {
      yaml.append("  candidates:\n");
      candidates.forEach(
          c ->
              yaml.append(
                  c.indent(4).replaceFirst("^    ", "    - ").replace("\n    ", "\n      ")));
    }
    if (lastRebuild != null) {
      yaml.append("  lastRebuild:\n").append(lastRebuild.indent(4));
    }
    if (!history.isEmpty()) {
      yaml.append("  history:\n");
      history.forEach(
          h ->
              yaml.append(
                  h.indent(4).replaceFirst("^    ", "    - ").replace("\n    ", "\n      ")));
    }
    if (failedAttempts > 0) {
      yaml.append("  failedAttempts: ").append(failedAttempts).append('\n');
    }
    return yaml.toString().replaceAll(" +\n", "\n");
  }

  private static String candidate(String base, String digest, String firstSeen) {
    return "baseImage: " + base + "\ndigest: " + digest + "\nfirstSeen: \"" + firstSeen + "\"\n";
  }

  private static String rebuild(
      String id,
      String requestedAt,
      String trigger,
      String outcome,
      String runUrl,
      String completedAt) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("id: \"").append(id).append("\"\n");
    yaml.append("requestedAt: \"").append(requestedAt).append("\"\n");
    yaml.append("trigger: ").append(trigger).append('\n');
    yaml.append("outcome: ").append(outcome).append('\n');
    if (runUrl != null) {
      yaml.append("runUrl: '").append(runUrl.replace("'", "''")).append("'\n");
    }
    if (completedAt != null) {
      yaml.append("completedAt: \"").append(completedAt).append("\"\n");
    }
    return yaml.toString();
  }

  private static String external(String name, String digest, String lastUpdated) {
    return "name: "
        + name
        + "\n"
        + "enrolledAt: \"2025-01-01T00:00:00Z\"\n"
        + "discoveryStatus: external\n"
        + "enrollment:\n  registry: docker.io\n  repository: library/"
        + name
        + "\n"
        + "  rebuildDelay: 30d\n  autoRebuild: false\n"
        + "repoURL: docker.io/library/"
        + name
        + "\n"
        + "allowTags: ^16-alpine$\n"
        + "imageSelectionStrategy: Lexical\n"
        + "baseImages: []\n"
        + "currentDigest: "
        + digest
        + "\n"
        + "lastUpdated: \""
        + lastUpdated
        + "\"\n";
  }

  private static String base(String name, boolean watched, String digest, List<String> dependents) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: ").append(name).append('\n');
    String repo = name.substring(0, name.lastIndexOf('-'));
    String tag = name.substring(name.lastIndexOf('-') + 1);
    yaml.append("fullImage: ").append(repo).append(':').append(tag).append('\n');
    yaml.append("registry: docker.io\nrepository: library/").append(repo).append('\n');
    yaml.append("tag: \"").append(tag).append("\"\n");
    yaml.append("repoURL: docker.io/library/").append(repo).append('\n');
    yaml.append("allowTags: ^").append(tag.replace(".", "\\.")).append("$\n");
    yaml.append("imageSelectionStrategy: Digest\n");
    yaml.append("firstDiscovered: \"2025-01-01T00:00:00Z\"\n");
    yaml.append("watched: ").append(watched).append('\n');
    yaml.append("dependentImages:\n");
    dependents.forEach(d -> yaml.append("  - ").append(d).append('\n'));
    yaml.append("currentDigest: ").append(digest).append('\n');
    yaml.append("lastUpdated: \"2025-01-01T00:00:00Z\"\n");
    return yaml.toString();
  }
}
