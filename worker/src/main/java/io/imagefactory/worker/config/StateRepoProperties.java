package io.imagefactory.worker.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.state-repo.*}: the git repository holding {@code images.yaml} and the state
 * files.
 *
 * @param url an https URL, a file URL or an absolute path; none means a local repository seeded
 *     from {@code examples/} (the embedded default)
 * @param branch the branch holding the state
 * @param tokenFile the token for an https remote, read at use time
 * @param cacheDir where the worker keeps its clones of the state and source repositories; by
 *     default a directory of this state repository and branch under the data directory
 */
public record StateRepoProperties(
    String url, @DefaultValue("main") String branch, SecretFile tokenFile, Path cacheDir) {

  public boolean configured() {
    return url != null && !url.isBlank();
  }
}
