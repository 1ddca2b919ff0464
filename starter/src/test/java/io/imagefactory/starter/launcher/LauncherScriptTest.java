package io.imagefactory.starter.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code image-factory} launcher script, run by {@code sh} on a jar that stands in for the real
 * one: the class-data archive it records and maps never changes what a command prints or the code
 * it exits with.
 */
class LauncherScriptTest {

  @TempDir Path dir;
  private Path script;
  private Path cache;

  @BeforeEach
  void launcherBesideAProbeJar() throws IOException {
    Path module = Path.of(System.getProperty("user.dir"));
    script = Files.copy(module.resolve("image-factory"), dir.resolve("image-factory"));
    Files.createDirectories(dir.resolve("target"));
    probeJar(dir.resolve("target/image-factory.jar"));
    cache = dir.resolve("cache");
  }

  @Test
  void theFirstRunOfACommandRecordsAnArchiveThatLaterRunsMap() throws Exception {
    Run first = run(Map.of(), "render", "--state-dir", "x");
    assertThat(first.output()).isEqualTo("probe render --state-dir x\n");
    assertThat(archives()).singleElement().asString().startsWith("render-").endsWith(".jsa");
    Run second = run(Map.of(), "render", "--state-dir", "x");
    assertThat(second.output()).isEqualTo(first.output());
    assertThat(second.code()).isZero();

    run(Map.of(), "--version");
    assertThat(archives()).hasSize(2).anyMatch(name -> name.startsWith("other-"));
  }

  @Test
  void theExitCodeIsTheCommandsOnRecordingAndMappingRuns() throws Exception {
    assertThat(run(Map.of(), "exit", "3").code()).isEqualTo(3);
    assertThat(run(Map.of(), "exit", "3").code()).isEqualTo(3);
  }

  @Test
  void anArchiveThatIsNotOneIsIgnoredQuietly() throws Exception {
    run(Map.of(), "status");
    Path archive = cache.resolve("image-factory").resolve(archives().get(0));
    archive.toFile().setWritable(true);
    Files.writeString(archive, "not an archive");
    Run run = run(Map.of(), "status");
    assertThat(run.output()).isEqualTo("probe status\n");
    assertThat(run.code()).isZero();
  }

  @Test
  void offRecordsNothing() throws Exception {
    assertThat(run(Map.of("IMAGE_FACTORY_CDS", "off"), "render").output())
        .isEqualTo("probe render\n");
    assertThat(cache).doesNotExist();
  }

  private record Run(String output, int code) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        Stream.concat(Stream.of("sh", script.toString()), Stream.of(args)).toList();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(output, process.waitFor());
  }

  private List<String> archives() throws IOException {
    try (Stream<Path> files = Files.list(cache.resolve("image-factory"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static void probeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        var in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
  }
}
