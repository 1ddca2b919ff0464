package io.imagefactory.worker.config;

import io.imagefactory.kargo.KargoDerivedFiles;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.staterepo.GitCredentials;
import io.imagefactory.staterepo.SourceCache;
import io.imagefactory.staterepo.SourceHosts;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The git side of the worker: the state repository, whose commits carry the rendered Kargo
 * manifests, and the cache of source repositories. Tokens are handed over as file paths and read
 * at use time, so a rotated secret is picked up without a restart.
 */
@Configuration(proxyBeanMethods = false)
class GitConfiguration {

  static final Path DEFAULT_CACHE_DIR = Path.of(".image-factory", "cache");

  @Bean(destroyMethod = "close")
  StateRepository stateRepository(ImageFactoryProperties properties, KargoSettings kargo) {
    StateRepoProperties stateRepo = properties.stateRepo();
    StateRepositorySettings settings =
        StateRepositorySettings.of(stateRepo.url(), cacheDir(stateRepo).resolve("state"))
            .withBranch(stateRepo.branch());
    if (stateRepo.tokenFile() != null) {
      settings = settings.withCredentials(GitCredentials.fromFile(stateRepo.tokenFile().path()));
    }
    return new StateRepository(
        settings, new KargoDerivedFiles(new KargoManifestRenderer(kargo)));
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
    return new SourceCache(cacheDir(properties.stateRepo()).resolve("sources"), hosts);
  }

  private static Path cacheDir(StateRepoProperties stateRepo) {
    return stateRepo.cacheDir() == null ? DEFAULT_CACHE_DIR : stateRepo.cacheDir();
  }
}
