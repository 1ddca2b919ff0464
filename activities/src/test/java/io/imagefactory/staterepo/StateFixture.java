package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.ManagedImageState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * A state repository with a managed image {@code web} on {@code node-22} and {@code python-3.12}, a
 * managed image {@code api} on {@code web} and {@code node-22}, and an external {@code postgres};
 * and a {@link StateFiles} view of it to apply patches to.
 */
final class StateFixture implements AutoCloseable {

  static final String WEB =
      """
      name: web
      enrolledAt: "2025-01-01T00:00:00Z"
      discoveryStatus: success
      enrollment:
        registry: ghcr.io
        repository: acme/web
        source:
          provider: github
          repo: acme/web
          dockerfile: Dockerfile
          workflow: build.yml
        rebuildDelay: 7d
        autoRebuild: true
      baseImages:
        - node-22
        - python-3.12
      dependentImages:
        - api
      currentVersion: "1.0"
      currentDigest: sha256:web1
      lastBuilt: "2025-01-03T00:00:00Z"
      rebuildState:
        status: monitoring
        pendingRebuild: false
      """;

  static final String API =
      """
      name: api
      enrolledAt: "2025-01-01T00:00:00Z"
      discoveryStatus: success
      enrollment:
        registry: ghcr.io
        repository: acme/api
        source:
          provider: github
          repo: acme/api
          dockerfile: Dockerfile
          workflow: build.yml
      baseImages:
        - web
        - node-22
      """;

  static final String POSTGRES =
      """
      name: postgres
      enrolledAt: "2025-01-01T00:00:00Z"
      discoveryStatus: external
      enrollment:
        registry: docker.io
        repository: library/postgres
      repoURL: docker.io/library/postgres
      baseImages: []
      dependentImages:
        - web
      """;

  static String base(String name, String image, List<String> dependents) {
    return "name: "
        + name
        + "\nfullImage: "
        + image
        + "\nregistry: docker.io\nrepository: library/"
        + image.substring(0, image.indexOf(':'))
        + "\ntag: \""
        + image.substring(image.indexOf(':') + 1)
        + "\"\n"
        + "repoURL: docker.io/library/"
        + image.substring(0, image.indexOf(':'))
        + "\n"
        + "dependentImages: ["
        + String.join(", ", dependents)
        + "]\n"
        + "currentDigest: sha256:"
        + name
        + "-1\nlastUpdated: \"2025-01-02T00:00:00Z\"\n";
  }

  private final Repository repo;
  private final ObjectReader reader;
  private final ObjectId commit;

  StateFixture(Path dir) throws IOException {
    repo = GitFixtures.bare(dir);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("images.yaml", "# people's file\n");
    files.put("images/web.yaml", WEB);
    files.put("images/api.yaml", API);
    files.put("images/postgres.yaml", POSTGRES);
    files.put("base-images/node-22.yaml", base("node-22", "node:22", List.of("web", "api")));
    files.put("base-images/python-3.12.yaml", base("python-3.12", "python:3.12", List.of("web")));
    commit = GitFixtures.commit(repo, "main", "state", files);
    reader = repo.newObjectReader();
  }

  /** A fresh view of the fixture's files. */
  StateFiles files() throws IOException {
    return new StateFiles(reader, CommitWriter.index(reader, CommitWriter.treeOf(reader, commit)));
  }

  static ManagedImageState managed(StateFiles files, String name) {
    return new TypedStateFiles(files).managedImage(name);
  }

  static ExternalImageState external(StateFiles files, String name) {
    return (ExternalImageState) new TypedStateFiles(files).image(name).orElseThrow();
  }

  static BaseImageState base(StateFiles files, String name) {
    return new TypedStateFiles(files).base(name).orElseThrow();
  }

  /** Applies {@code patch} twice and asserts the second application changed nothing. */
  static void assertIdempotent(StatePatch patch, StateFiles files) {
    patch.applyTo(files);
    int after = files.modifications();
    List<String> changed = files.changes().stream().map(FileChange::path).toList();

    patch.applyTo(files);

    assertThat(files.modifications())
        .as("second application of " + patch.describe())
        .isEqualTo(after);
    assertThat(files.changes().stream().map(FileChange::path).toList()).isEqualTo(changed);
  }

  @Override
  public void close() {
    reader.close();
    repo.close();
  }
}
