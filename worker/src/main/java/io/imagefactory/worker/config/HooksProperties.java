package io.imagefactory.worker.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.hooks.*}: the push hooks of the state repository's git host, each
 * authenticated by its own shared secret rather than by the API's bearer token. A hook without a
 * secret file is refused.
 */
public record HooksProperties(@DefaultValue Hook github, @DefaultValue Hook gitlab) {

  /**
   * One hook.
   *
   * @param secretFile the file holding the shared secret (GitHub's webhook secret, GitLab's secret
   *     token), read on every delivery so a rotated Secret applies at once
   */
  public record Hook(SecretFile secretFile) {

    public boolean configured() {
      return secretFile != null;
    }
  }
}
