package io.imagefactory.worker.config;

import io.imagefactory.git.GitCredentials;
import io.imagefactory.github.GitHubApi;
import io.imagefactory.github.GitHubAppTokens;
import io.imagefactory.github.GitHubCiProvider;
import io.imagefactory.github.GitHubCredentials;
import io.imagefactory.github.GitHubTokenFile;
import io.imagefactory.github.GitHubWorkflowFile;
import io.imagefactory.gitlab.GitLabCiProvider;
import io.imagefactory.gitlab.GitLabSettings;
import io.imagefactory.rebuild.CiProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CI providers, built from {@code image-factory.github.*} and {@code image-factory.gitlab.*}.
 * Credentials stay here, as paths read at use time: they never reach a workflow input, a payload or
 * a log line.
 */
@Configuration(proxyBeanMethods = false)
class CiConfiguration {

  @Bean
  CiProviders ciProviders(ImageFactoryProperties properties, RebuildBudgetProperties budget) {
    List<CiProvider> providers = new ArrayList<>();
    Map<String, GitCredentials> git = new TreeMap<>();
    GitHubProperties github = properties.github();
    if (github.hasCredentials()) {
      GitHubApi api = new GitHubApi(github.baseUrl());
      GitHubCredentials credentials =
          github.tokenFile() != null
              ? new GitHubTokenFile(github.tokenFile().path())
              : new GitHubAppTokens(
                  api, github.appId(), github.appPrivateKeyFile().path(), Clock.systemUTC());
      providers.add(
          new GitHubCiProvider(
              api,
              credentials,
              GitHubWorkflowFile::declaredInputsOf,
              Clock.systemUTC(),
              github.neverStartedAfter(),
              budget.githubReserve()));
      git.put(github.gitHost(), CiProviders.gitHubGitCredentials(credentials));
    }
    GitLabProperties gitlab = properties.gitlab();
    if (gitlab.hasCredentials()) {
      providers.add(
          new GitLabCiProvider(
              new GitLabSettings(
                  gitlab.baseUrl(), gitlab.tokenFile().path(), gitlab.neverStartedAfter(), null)));
      git.put(
          gitlab.baseUrl().getHost(),
          GitCredentials.fromFile(gitlab.tokenFile().path()).withUsername("oauth2"));
    }
    return new CiProviders(
        providers, CiProviders.stateRepositoryOf(github, properties.stateRepo()), git);
  }
}
