package io.imagefactory.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Where the worker keeps its clones of the state and source repositories. */
class GitConfigurationTest {

  private static Path cacheDir(Map<String, String> settings) {
    Binder binder = new Binder(new MapConfigurationPropertySource(settings));
    return GitConfiguration.cacheDir(
        binder.bindOrCreate("image-factory", ImageFactoryProperties.class));
  }

  @Test
  void cacheOfAConfiguredStateRepositoryIsUnderTheDataDirectoryNotTheWorkingDirectory() {
    Path dir =
        cacheDir(
            Map.of(
                "image-factory.state-repo.url", "https://github.com/acme/state.git",
                "image-factory.embedded.data-dir", "/var/lib/image-factory"));

    assertThat(dir.getParent()).isEqualTo(Path.of("/var/lib/image-factory/cache"));
    assertThat(dir.getFileName().toString()).matches("state-[0-9a-f]{16}");
  }

  @Test
  void defaultDataDirectoryIsMadeAbsoluteOnce() {
    Path dir =
        cacheDir(Map.of("image-factory.state-repo.url", "https://github.com/acme/state.git"));

    assertThat(dir).isAbsolute();
    assertThat(dir.getParent())
        .isEqualTo(Path.of(".image-factory", "cache").toAbsolutePath().normalize());
  }

  @Test
  void workersOfDifferentStateRepositoriesOrBranchesNeverShareACache() {
    Path acme =
        cacheDir(Map.of("image-factory.state-repo.url", "https://github.com/acme/state.git"));
    Path other =
        cacheDir(Map.of("image-factory.state-repo.url", "https://github.com/other/state.git"));
    Path branch =
        cacheDir(
            Map.of(
                "image-factory.state-repo.url", "https://github.com/acme/state.git",
                "image-factory.state-repo.branch", "staging"));

    assertThat(acme).isNotEqualTo(other).isNotEqualTo(branch);
    assertThat(other).isNotEqualTo(branch);
    assertThat(
            cacheDir(Map.of("image-factory.state-repo.url", "https://github.com/acme/state.git")))
        .isEqualTo(acme);
  }

  @Test
  void aConfiguredCacheDirectoryWins() {
    Path dir =
        cacheDir(
            Map.of(
                "image-factory.state-repo.url", "https://github.com/acme/state.git",
                "image-factory.state-repo.cache-dir", "/var/cache/image-factory"));

    assertThat(dir).isEqualTo(Path.of("/var/cache/image-factory"));
  }

  @Test
  void aUrlCannotSteerThePath() {
    assertThat(GitConfiguration.directoryName("/tmp/../../etc/state.git", "main"))
        .matches("state-[0-9a-f]{16}");
    assertThat(GitConfiguration.directoryName("file:///..", "main")).matches("[0-9a-f]{16}");
  }
}
