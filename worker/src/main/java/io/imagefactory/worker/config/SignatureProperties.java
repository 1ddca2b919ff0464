package io.imagefactory.worker.config;

import io.imagefactory.signature.RegistryCredentials;
import io.imagefactory.signature.RegistryHosts;
import io.imagefactory.signature.SignatureActivitiesImpl;
import io.imagefactory.signature.SigstoreTrust;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.signatures.*}: how the worker reads base images' signatures from their
 * registries for the {@code verify:} rules of {@code images.yaml}.
 *
 * @param dockerConfig a Docker {@code config.json} with registry credentials (a mounted {@code
 *     kubernetes.io/dockerconfigjson} Secret); unset: every registry is asked anonymously
 * @param insecureRegistries registries ({@code host:port}) reached over plain HTTP, such as a local
 *     registry in a demo
 * @param trustedRoot the Sigstore {@code trusted_root.json} keyless rules are checked against
 *     (offline); unset: Sigstore's public-good root, fetched through its TUF repository when a
 *     keyless rule is first checked
 * @param unverifiedCache how long a verdict that did not verify is answered from the worker's cache
 *     (verified ones are kept for good); below the five minutes of a held digest's first re-check
 */
@ConfigurationProperties("image-factory.signatures")
public record SignatureProperties(
    SecretFile dockerConfig,
    @DefaultValue List<String> insecureRegistries,
    Path trustedRoot,
    @DefaultValue("1m") Duration unverifiedCache) {

  public SignatureProperties {
    insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
    unverifiedCache =
        unverifiedCache == null ? SignatureActivitiesImpl.UNVERIFIED_KEPT : unverifiedCache;
  }

  RegistryHosts hosts() {
    return new RegistryHosts(insecureRegistries);
  }

  SigstoreTrust trust() {
    return trustedRoot == null ? SigstoreTrust.publicGood() : SigstoreTrust.fromFile(trustedRoot);
  }

  RegistryCredentials credentials() {
    return dockerConfig == null
        ? RegistryCredentials.none()
        : new RegistryCredentials(dockerConfig.path());
  }
}
