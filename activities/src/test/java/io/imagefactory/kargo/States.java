package io.imagefactory.kargo;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.SourceConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * State records built in code, with only the fields rendering reads set to anything interesting.
 */
public final class States {

  static final Instant ENROLLED = Instant.parse("2024-12-04T10:00:00Z");

  private States() {}

  public static ManagedImageState managed(String name, String registry, String repository) {
    SourceConfig source =
        new SourceConfig(
            "github", "example-org/" + name, "main", "Dockerfile", "build.yml", Map.of(), Map.of());
    return new ManagedImageState(
        name,
        ENROLLED,
        ENROLLED,
        DiscoveryStatus.SUCCESS,
        null,
        List.of(),
        new Enrollment(registry, repository, source, "7d", true),
        List.of(),
        List.of(),
        List.of(),
        null,
        null,
        null,
        RebuildState.monitoring(),
        Map.of());
  }

  public static ExternalImageState external(
      String name, String repoURL, String allowTags, String strategy) {
    int slash = repoURL.indexOf('/');
    return new ExternalImageState(
        name,
        ENROLLED,
        DiscoveryStatus.EXTERNAL,
        new Enrollment(
            repoURL.substring(0, slash), repoURL.substring(slash + 1), null, "30d", false),
        repoURL,
        allowTags,
        strategy,
        List.of(),
        List.of(),
        null,
        null,
        null,
        List.of(),
        Map.of());
  }

  public static BaseImageState base(String name, String repoURL, String tag, String... dependents) {
    int slash = repoURL.indexOf('/');
    return new BaseImageState(
        name,
        repoURL + (tag == null ? "@sha256:" + "0".repeat(64) : ":" + tag),
        repoURL.substring(0, slash),
        repoURL.substring(slash + 1),
        tag,
        tag == null ? "sha256:" + "0".repeat(64) : null,
        repoURL,
        tag == null ? null : "^" + tag + "$",
        "Digest",
        ENROLLED,
        ENROLLED,
        null,
        List.of(dependents),
        null,
        null,
        List.of(),
        null,
        List.of(),
        Map.of());
  }
}
