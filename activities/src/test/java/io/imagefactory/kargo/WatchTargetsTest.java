package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.reference.KubernetesNames;
import io.imagefactory.statefiles.BaseImageState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchTargetsTest {

  @ParameterizedTest(name = "{0} {1} -> {2} {3} allow={4} ignore={5}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # strategy    | allowTags       | rendered    | constraint | allowTagsRegexes | ignores signatures
          Lexical       | ^16-alpine$     | Lexical     | -          | ^16-alpine$      | true
          lexical       | ^16-alpine$     | Lexical     | -          | ^16-alpine$      | true
          SemVer        | ^16\\.\\d+$     | SemVer      | -          | ^16\\.\\d+$      | false
          -             | -               | SemVer      | -          | -                | false
          NewestBuild   | ^release-       | NewestBuild | -          | ^release-        | true
          Digest        | ^16-alpine$     | Digest      | 16-alpine  | -                | false
          DIGEST        | latest          | Digest      | latest     | -                | false
          Digest        | ^1\\.17$         | Digest      | 1.17       | -                | false
          Digest        | ^1.17$          | Digest      | 1.17       | -                | false
          """)
  void externalImagesKeepTheirStrategyAndTagRegex(
      String strategy,
      String allowTags,
      String rendered,
      String constraint,
      String allowRegex,
      boolean ignoresSignatures) {
    WatchTarget target =
        WatchTargets.forImage(
            States.external("postgres", "docker.io/library/postgres", allowTags, strategy));

    assertThat(target.objectName()).isEqualTo("external-postgres");
    assertThat(target.strategy()).isEqualTo(rendered);
    assertThat(target.constraint()).isEqualTo(constraint);
    assertThat(target.allowTagsRegexes())
        .isEqualTo(allowRegex == null ? List.of() : List.of(allowRegex));
    assertThat(target.ignoreTagsRegexes().contains(WatchTargets.SIGNATURE_TAGS))
        .isEqualTo(ignoresSignatures);
  }

  @ParameterizedTest(name = "base tag {0} is followed by digest")
  @CsvSource({"22-bookworm-slim", "latest", "1.27-alpine", "3.12-slim"})
  void basesFollowTheirTagByDigest(String tag) {
    WatchTarget target =
        WatchTargets.forBase(States.base("node-x", "docker.io/library/node", tag, "web"))
            .orElseThrow();

    assertThat(target.objectName()).isEqualTo("base-node-x");
    assertThat(target.strategy()).isEqualTo("Digest");
    assertThat(target.constraint()).isEqualTo(tag);
    assertThat(target.allowTagsRegexes()).isEmpty();
  }

  @Test
  void managedImagesWatchEveryNewBuildButNotSignatures() {
    WatchTarget target = WatchTargets.forImage(States.managed("api", "ghcr.io", "example-org/api"));

    assertThat(target.objectName()).isEqualTo("image-api");
    assertThat(target.repoURL()).isEqualTo("ghcr.io/example-org/api");
    assertThat(target.strategy()).isEqualTo("NewestBuild");
    assertThat(target.ignoreTagsRegexes()).containsExactly(WatchTargets.SIGNATURE_TAGS);
  }

  @Test
  void digestOnlyBasesAndBasesWithoutDependentsAreNotWatched() {
    BaseImageState digestOnly =
        States.base("alpine-pinned", "docker.io/library/alpine", null, "web");
    BaseImageState orphan = States.base("node-20", "docker.io/library/node", "20", new String[0]);

    assertThat(WatchTargets.forBase(digestOnly)).isEmpty();
    assertThat(WatchTargets.forBase(orphan)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          base-images/node.yaml  | tag | base   | node       | docker.io/library/node     | bad tag!
          images/Web_App.yaml    | name | managed | Web_App   | ghcr.io/example-org/web    | -
          images/pg.yaml         | repoURL | external | pg      | docker.io/library/pg:16   | -
          """)
  void invalidEntriesNameTheirFileEntryAndField(
      String file, String field, String kind, String name, String repoURL, String tag) {
    Runnable render =
        switch (kind) {
          case "base" -> () -> WatchTargets.forBase(States.base(name, repoURL, tag, "web"));
          case "managed" ->
              () -> WatchTargets.forImage(States.managed(name, "ghcr.io", "example-org/web"));
          default -> () -> WatchTargets.forImage(States.external(name, repoURL, null, "SemVer"));
        };

    assertThatThrownBy(render::run)
        .isInstanceOf(StateProblem.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining("field " + field + ":");
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Digest   | ^1[0-9]-alpine$ | allowTags
          Digest   | -               | allowTags
          Fastest  | ^16$            | imageSelectionStrategy
          SemVer   | ^16(            | allowTags
          """)
  void externalConfigurationKargoCannotFollowIsReported(
      String strategy, String allowTags, String field) {
    assertThatThrownBy(
            () ->
                WatchTargets.forImage(
                    States.external(
                        "pg",
                        "docker.io/library/postgres",
                        "-".equals(allowTags) ? null : allowTags,
                        strategy)))
        .isInstanceOf(StateProblem.class)
        .hasMessageStartingWith("images/pg.yaml: image 'pg', field " + field + ":");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a-name-that-is-exactly-fifty-eight-characters-long-abcdefgh",
    "a-name-that-is-sixty-three-characters-long-and-needs-a-hash-xyz"
  })
  void longNamesAreShortenedToValidLabelsWithAStableSuffix(String name) {
    String objectName = WatchTargets.objectName(WatchKind.EXTERNAL, name);

    assertThat(objectName).matches(KubernetesNames.DNS_LABEL).startsWith("external-a-name-that-is");
    assertThat(objectName.length()).isLessThanOrEqualTo(63);
    assertThat(WatchTargets.objectName(WatchKind.EXTERNAL, name)).isEqualTo(objectName);
    assertThat(WatchTargets.objectName(WatchKind.BASE, name)).isNotEqualTo(objectName);
  }
}
