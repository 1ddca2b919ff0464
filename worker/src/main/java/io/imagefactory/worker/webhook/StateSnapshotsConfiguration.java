package io.imagefactory.worker.webhook;

import io.imagefactory.worker.config.ImageFactoryProperties;
import io.imagefactory.worker.config.StateRepoProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the API reads the state files from. */
@Configuration(proxyBeanMethods = false)
class StateSnapshotsConfiguration {

  /**
   * A state repository on local disk (the embedded default) is read directly. A remote one is read
   * through the state repository's clone, which the activities keep fetched.
   */
  @Bean
  StateSnapshots stateSnapshots(ImageFactoryProperties properties) {
    StateRepoProperties stateRepo = properties.stateRepo();
    Path local = localPath(stateRepo.url());
    if (local != null && Files.isDirectory(local)) {
      return new LocalGitSnapshots(local, stateRepo.branch());
    }
    // Wired to StateRepository.read() once the remote state repository lands in activities.
    return () -> {
      throw new IllegalStateException(
          "reading the remote state repository " + stateRepo.url() + " is not wired yet");
    };
  }

  private static Path localPath(String url) {
    if (url == null) {
      return null;
    }
    if (url.startsWith("file:")) {
      return Path.of(java.net.URI.create(url));
    }
    return url.startsWith("/") ? Path.of(url) : null;
  }
}
