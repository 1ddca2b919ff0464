package io.imagefactory.statefiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.kargo.GeneratedState;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.vulnerability.FastPathMark;
import io.imagefactory.vulnerability.Finding;
import io.imagefactory.vulnerability.ScanSummary;
import io.imagefactory.vulnerability.Severity;
import io.imagefactory.vulnerability.SeverityCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain reading of state files ({@link PlainYaml} and {@link RecordBinder}) against Jackson's:
 * whenever the plain reading gives a record, Jackson gives an equal one, over real, generated and
 * randomly damaged files; and the files Image Factory writes are all read the plain way.
 */
class RecordBinderTest {

  private static final Instant T0 = Instant.parse("2024-12-04T10:00:00Z");

  private final StateFileStore store = new StateFileStore();

  @Test
  void readsEveryStateFileImageFactoryWritesThePlainWay() {
    for (String file : written()) {
      Object plain = plain(file);
      assertThat(plain).as(file).isNotNull().isEqualTo(general(file));
    }
  }

  @Test
  void readsTheSeedFilesAndTheBenchmarkFilesThePlainWayAlike(@TempDir Path dir) throws Exception {
    GeneratedState.of(60).writeTo(dir);
    List<String> files = new ArrayList<>(seedFiles());
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(path);
        files.add((path.getParent().endsWith("base-images") ? "base:" : "") + text);
      }
    }
    for (String file : files) {
      assertThat(plain(file)).as(file).isNotNull().isEqualTo(general(file));
    }
  }

  @Test
  void neverDisagreesWithJacksonOnDamagedFiles() {
    Random random = new Random(42);
    List<String> corpus = new ArrayList<>(written());
    corpus.addAll(seedFiles());
    int plainRead = 0;
    int tried = 0;
    for (String file : corpus) {
      for (int i = 0; i < Integer.getInteger("damage.rounds", 400); i++) {
        String damaged = damage(file, random);
        tried++;
        Object plain = plain(damaged);
        if (plain != null) {
          plainRead++;
          assertThat(general(damaged)).as(damaged).isEqualTo(plain);
        }
      }
    }
    // The damage must leave enough files readable for the comparison to mean something.
    assertThat(plainRead).isGreaterThan(tried / 10);
  }

  @Test
  void leavesWhatItDoesNotFollowToJackson() {
    for (String file :
        List.of(
            "name: a\nenrolledAt: 2024-12-04T10:00:00Z\n",
            "name: a\nenrolledAt: \"2024-12-04T10:00:00+01:00\"\n",
            "name: a\nowner: someone\n",
            "name: a\nenrollment:\n  registry: ghcr.io\n  extra: x\n",
            "name: a\ndiscoveryStatus: Success\n",
            "name: a\nbaseImages: node\n",
            "name: a\ncurrentVersion: 1.2\n",
            "name: a\nenrolledAt: \"2024-02-30T10:00:00Z\"\n")) {
      assertThat(plain(file)).as(file).isNull();
    }
  }

  private Object plain(String file) {
    byte[] bytes = bytes(file);
    return file.startsWith("base:")
        ? StateFileStore.plainBaseImage(bytes)
        : StateFileStore.plainImage(bytes);
  }

  private Object general(String file) {
    byte[] bytes = bytes(file);
    try {
      return file.startsWith("base:")
          ? store.generalBaseImage("base-images/x.yaml", bytes)
          : store.generalImage("images/x.yaml", bytes);
    } catch (StateFileException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static byte[] bytes(String file) {
    return (file.startsWith("base:") ? file.substring(5) : file).getBytes(StandardCharsets.UTF_8);
  }

  /** Files as Image Factory writes them, with every field the schemas have set. */
  private List<String> written() {
    PendingDigest candidate =
        new PendingDigest(
            "node-22",
            "sha256:" + "a".repeat(64),
            T0,
            false,
            null,
            "sha256:" + "9".repeat(64),
            new FastPathMark(List.of("CVE-2025-0001"), Severity.CRITICAL, T0));
    ScanSummary scan =
        new ScanSummary(
            "sha256:" + "9".repeat(64),
            "trivy 0.58.1",
            T0,
            new SeverityCounts(1, 2, 3, 4, 5),
            Severity.HIGH,
            List.of(new Finding("CVE-2025-0001", Severity.CRITICAL)),
            true);
    PendingDigest cascade = new PendingDigest("base-app", "sha256:" + "b".repeat(64), T0, true);
    RebuildEntry rebuild =
        new RebuildEntry(
            "api#3",
            T0,
            "timer",
            Map.of("node-22", "sha256:" + "a".repeat(64), "base-app", "sha256:1"),
            List.of(candidate, cascade),
            true,
            List.of(candidate),
            "node-22@sha256:aaa",
            RebuildEntry.DISPATCHED,
            "sent \"build.yml\" on main",
            "https://github.com/acme/api/actions/runs/1",
            new RunRef("github", "acme/api", "1", "https://github.com/acme/api/actions/runs/1"),
            T0.plusSeconds(90),
            "sha256:" + "c".repeat(64),
            List.of("CVE-2025-0001"));
    RebuildState rebuildState =
        new RebuildState(
            "waiting",
            true,
            T0.plusMillis(1500),
            List.of(candidate, cascade),
            rebuild,
            List.of(rebuild, rebuild),
            List.of(candidate),
            2,
            T0.plusSeconds(3600),
            "outside-image-factory",
            null,
            List.of(),
            Map.of());
    SourceConfig source =
        new SourceConfig(
            "github",
            "acme/api",
            "main",
            "apps/api/Dockerfile",
            "build.yml",
            Map.of("GO_VERSION", "1.23", "FLAG", "true"),
            Map.of("base_image", "${base.node-22.ref}", "id", "${rebuild.id}"));
    ManagedImageState managed =
        new ManagedImageState(
            "api",
            T0,
            T0.plusNanos(123_456_789),
            DiscoveryStatus.FAILED,
            "Dockerfile:3: unknown instruction: FORM # not a comment",
            List.of("images.yaml: image 'api': field 'source.workflow': missing: yes"),
            new Enrollment(
                "ghcr.io",
                "acme/api",
                source,
                "7d",
                false,
                null,
                null,
                null,
                null,
                new FastPathSetting(false, Severity.HIGH, "4h"),
                Map.of()),
            List.of("node-22", "base-app"),
            List.of("node-22"),
            List.of("web"),
            "1.2.3",
            "sha256:" + "d".repeat(64),
            T0,
            rebuildState,
            Map.of());
    ExternalImageState external =
        new ExternalImageState(
            "postgres",
            T0,
            DiscoveryStatus.EXTERNAL,
            new Enrollment("docker.io", "library/postgres", null, "30d", false),
            "docker.io/library/postgres",
            "^16\\.\\d+-alpine$",
            "SemVer",
            List.of(),
            List.of("api"),
            "16.4-alpine",
            "sha256:" + "e".repeat(64),
            T0,
            List.of(scan),
            Map.of());
    BaseImageState base =
        new BaseImageState(
            "node-22",
            "node:22",
            "docker.io",
            "library/node",
            "22",
            null,
            "docker.io/library/node",
            "^22$",
            "Digest",
            T0,
            T0,
            true,
            List.of("api", "web"),
            "sha256:" + "f".repeat(64),
            T0,
            List.of(new DigestSighting("sha256:" + "0".repeat(64), T0)),
            null,
            List.of(scan),
            Map.of());
    List<String> files = new ArrayList<>();
    files.add(store.write(managed));
    files.add(store.write(external));
    files.add("base:" + store.write(base));
    files.add(
        store.write((ImageState) io.imagefactory.kargo.States.managed("web", "ghcr.io", "a/web")));
    for (ImageState image : GeneratedState.of(30).images) {
      files.add(store.write(image));
    }
    for (BaseImageState generated : GeneratedState.of(30).bases) {
      files.add("base:" + store.write(generated));
    }
    return files;
  }

  private static List<String> seedFiles() {
    List<String> files = new ArrayList<>();
    for (String path :
        List.of(
            "images/backstage.yaml",
            "images/postgres.yaml",
            "base-images/node-22-bookworm-slim.yaml")) {
      try (var in = RecordBinderTest.class.getResourceAsStream("/catalog/seed004/" + path)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        files.add(path.startsWith("base-images/") ? "base:" + text : text);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return files;
  }

  private static final String[] TOKENS = {
    " ",
    ":",
    ": ",
    "-",
    "- ",
    "#",
    " #",
    "\"",
    "'",
    "\n",
    "\n  ",
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "!",
    "|",
    ">",
    "0",
    "7",
    "1.5",
    "yes",
    "No",
    "~",
    "null",
    "True",
    "1e3",
    "0x1F",
    "-1",
    ".5",
    "12:30",
    "\\",
    "\\n",
    "\\\"",
    "\t",
    "\r",
    "é",
    "---",
    "...",
    "2024-12-04T10:00:00Z",
    "\"2024-13-01T00:00:00Z\"",
    "\"2024-12-04T10:00:00.5Z\"",
    "\"2024-12-04T24:00:00Z\"",
    "a",
    "Z",
    "_",
    "pending",
    "external",
    "success",
    "[]",
    "{}",
    "=",
    "<<",
    "%",
    "@",
    "`",
    "?",
    "7d",
    "22-bookworm",
    "1_000",
    "0b1",
    "0o17",
    "2024-12-04t10:00:00",
    "12e3",
    "1:20",
    "0xg",
    "4h30m",
    "3.12-slim",
    "Off",
    "NULL",
    "+1",
    "\"\\\"\""
  };

  /** One to three random edits: insert or delete a token, re-indent, duplicate or drop a line. */
  private static String damage(String file, Random random) {
    String prefix = file.startsWith("base:") ? "base:" : "";
    String text = file.substring(prefix.length());
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && !text.isEmpty(); e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(6)) {
        case 0 ->
            text =
                text.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + text.substring(at);
        case 1 ->
            text =
                text.substring(0, at)
                    + text.substring(Math.min(text.length(), at + 1 + random.nextInt(3)));
        case 2 -> {
          List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
          int line = random.nextInt(lines.size());
          lines.set(line, " ".repeat(random.nextInt(3)) + lines.get(line).stripLeading());
          text = String.join("\n", lines);
        }
        case 3 -> {
          List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
          int line = random.nextInt(lines.size());
          lines.add(line, lines.get(line));
          text = String.join("\n", lines);
        }
        case 4 -> {
          List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
          lines.remove(random.nextInt(lines.size()));
          text = String.join("\n", lines);
        }
        default -> {
          // Replace a value after a colon with a token that YAML might read as something else.
          int colon = text.indexOf(": ", at);
          if (colon >= 0) {
            int end = text.indexOf('\n', colon);
            text =
                text.substring(0, colon + 2)
                    + TOKENS[random.nextInt(TOKENS.length)]
                    + (end < 0 ? "" : text.substring(end));
          }
        }
      }
    }
    return prefix + text;
  }
}
