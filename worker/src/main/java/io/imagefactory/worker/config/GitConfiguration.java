package io.imagefactory.worker.config;

import io.imagefactory.backstage.BackstageCatalogRenderer;
import io.imagefactory.backstage.BackstageDerivedFiles;
import io.imagefactory.backstage.BackstageSettings;
import io.imagefactory.git.GitCredentials;
import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.sources.SourceHosts;
import io.imagefactory.staterepo.DerivedFiles;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The git side of the worker: the state repository, whose commits carry the rendered Kargo
 * manifests and Backstage catalog, and the cache of source repositories. Tokens are handed over as
 * file paths and read at use time, so a rotated secret is picked up without a restart. Unless
 * {@code image-factory.state-repo.cache-dir} says otherwise, the clones live under the worker's
 * data directory in a directory of their own per state repository and branch: two workers never
 * share the clone of another's state repository, wherever they were started from.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackstageProperties.class)
class GitConfiguration {

  /** {@code image_factory_source_fetches_total} in Prometheus. */
  static final String SOURCE_FETCHES = "image_factory_source_fetches";

  @Bean(destroyMethod = "close")
  StateRepository stateRepository(
      ImageFactoryProperties properties,
      KargoSettings kargo,
      BackstageSettings backstage,
      BackstageProperties backstageProperties) {
    StateRepoProperties stateRepo = properties.stateRepo();
    StateRepositorySettings settings =
        StateRepositorySettings.of(stateRepo.url(), cacheDir(properties).resolve("state"))
            .withBranch(stateRepo.branch());
    if (stateRepo.tokenFile() != null) {
      settings = settings.withCredentials(GitCredentials.fromFile(stateRepo.tokenFile().path()));
    }
    DerivedFiles manifests = new KargoDerivedFiles(new KargoManifestRenderer(kargo));
    return new StateRepository(
        settings,
        backstageProperties.enabled()
            ? DerivedFiles.all(
                manifests, new BackstageDerivedFiles(new BackstageCatalogRenderer(backstage)))
            : manifests);
  }

  /** Validated at startup, so a bad owner or namespace stops the worker before anything renders. */
  @Bean
  BackstageSettings backstageSettings(
      ImageFactoryProperties properties, BackstageProperties backstage) {
    return backstage.settings(properties);
  }

  @Bean(destroyMethod = "close")
  SourceCache sourceCache(ImageFactoryProperties properties, CiProviders ci) {
    SourcesProperties sources = properties.sources();
    // The CI providers' credentials serve their own hosts; an explicit sources token wins.
    Map<String, GitCredentials> credentials = new TreeMap<>(ci.gitCredentials());
    if (sources.tokenFile() != null) {
      GitCredentials token = GitCredentials.fromFile(sources.tokenFile().path());
      sources.allowedHosts().forEach(host -> credentials.put(host, token));
    }
    SourceHosts hosts =
        new SourceHosts(
            sources.allowedHosts(), sources.defaultHost(), sources.allowLocal(), credentials);
    return new SourceCache(cacheDir(properties).resolve("sources"), hosts);
  }

  @Bean
  MeterBinder sourceFetchesMetric(SourceCache sourceCache) {
    return registry ->
        FunctionCounter.builder(SOURCE_FETCHES, sourceCache, SourceCache::fetchCount)
            .description("Fetches of source repositories; one serves every image of its repository")
            .register(registry);
  }

  /**
   * The configured cache directory, or {@code <data-dir>/cache/<state repository>}: the data
   * directory made absolute once, at start, and a name only this state repository and branch get.
   */
  static Path cacheDir(ImageFactoryProperties properties) {
    StateRepoProperties stateRepo = properties.stateRepo();
    if (stateRepo.cacheDir() != null) {
      return stateRepo.cacheDir();
    }
    return properties
        .embedded()
        .dataDir()
        .toAbsolutePath()
        .normalize()
        .resolve("cache")
        .resolve(directoryName(stateRepo.url(), stateRepo.branch()));
  }

  /** A hash of URL and branch, so no URL can steer the path, and a readable tail of the URL. */
  static String directoryName(String url, String branch) {
    String hash;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((url + "\n" + branch).getBytes(StandardCharsets.UTF_8));
      hash = HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String[] parts = url.replaceAll("(\\.git)?/*$", "").split("[/:\\\\]+");
    String tail =
        parts[parts.length - 1]
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9._-]", "-")
            .replaceAll("^[.-]+", "");
    tail = tail.length() > 40 ? tail.substring(0, 40) : tail;
    return tail.isEmpty() ? hash : tail + "-" + hash;
  }
}
