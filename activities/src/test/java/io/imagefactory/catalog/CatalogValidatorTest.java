package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of an {@code images.yaml} entry and its exact message. Each case is one
 * entry whose lines start at line 2 (the first at column 5, after {@code " - "}).
 */
class CatalogValidatorTest {

  private static final String DURATION_HINT =
      " is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)";
  private static final String NAME_RULE =
      " is not a valid name: use lower-case letters, digits and"
          + " '-', starting and ending with a letter or digit (a DNS-1123 label)";
  private static final String NOT_A_HOST =
      " is not a registry host: write the host name and"
          + " optional port only, like ghcr.io or localhost:5000";
  private static final String NOT_A_PATH =
      " is not a repository path: use '/'-separated"
          + " components of lower-case letters and digits, joined by '.', '_', '__' or '-'";
  private static final String NOT_A_REPO =
      " is not a repository: use owner/name or an https, ssh" + " or file URL";

  private static final String REF_HINT =
      " (expected [group:|user:][<namespace>/]<name>, as in group:default/platform)";

  private final CatalogLoader loader = new CatalogLoader();

  static Stream<Arguments> invalidEntries() {
    return Stream.of(
        // name
        arguments(
            entry("registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': is required"),
        arguments(
            entry("name: ''", "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': must not be empty"),
        arguments(
            entry("name: Api", "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': \"Api\" must be lower case"),
        arguments(
            entry("name: team/api", "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': \"team/api\" must not contain '/', '\\' or"
                + " '..' (it names the file images/<name>.yaml)"),
        arguments(
            entry("name: a..b", "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': \"a..b\" must not contain '/', '\\' or '..'"
                + " (it names the file images/<name>.yaml)"),
        arguments(
            entry("name: \"api\\u0007\"", "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': \"api\\u0007\" contains a control character"),
        arguments(
            entry("name: " + "a".repeat(64), "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': \""
                + "a".repeat(60)
                + "...\" is longer than"
                + " 63 characters"),
        arguments(
            entry("name: my_api", "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': \"my_api\"" + NAME_RULE),
        arguments(
            entry("name: -api", "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': \"-api\"" + NAME_RULE),
        arguments(
            entry("name: [api]", "registry: ghcr.io", "repository: org/api"),
            "images.yaml:2:5: entry #1: field 'name': expected a string, got a list"),
        // registry
        arguments(
            entry("name: api", "repository: org/api"),
            "images.yaml:2:5: image 'api': field 'registry': is required"),
        arguments(
            entry("name: api", "registry: GHCR.io", "repository: org/api"),
            "images.yaml:3:5: image 'api': field 'registry': \"GHCR.io\" must be lower case"),
        arguments(
            entry("name: api", "registry: https://ghcr.io", "repository: org/api"),
            "images.yaml:3:5: image 'api': field 'registry': \"https://ghcr.io\"" + NOT_A_HOST),
        arguments(
            entry("name: api", "registry: ghcr.io/org", "repository: api"),
            "images.yaml:3:5: image 'api': field 'registry': \"ghcr.io/org\"" + NOT_A_HOST),
        arguments(
            entry("name: api", "registry: localhost:99999", "repository: org/api"),
            "images.yaml:3:5: image 'api': field 'registry': \"localhost:99999\"" + NOT_A_HOST),
        arguments(
            entry("name: api", "registry: 42", "repository: org/api"),
            "images.yaml:3:5: image 'api': field 'registry': expected a string, got the number 42"),
        arguments(
            entry("name: api", "registry: \"42\"", "repository: org/api"),
            "images.yaml:3:5: image 'api': field 'registry': \"42\" is not a registry host: write"
                + " it with its domain (ghcr.io, docker.io, registry.example.com:5000) or "
                + "localhost"),
        arguments(
            entry("name: api", "registry: \"ghcr.io\\nevil.io\"", "repository: org/api"),
            "images.yaml:3:5: image 'api': field 'registry': \"ghcr.io\\u000aevil.io\" must not"
                + " contain spaces, line breaks or control characters"),
        arguments(
            entry("name: api", "registry: {host: ghcr.io}", "repository: org/api"),
            "images.yaml:3:5: image 'api': field 'registry': expected a string, got a mapping"),
        // repository
        arguments(
            entry("name: api", "registry: ghcr.io"),
            "images.yaml:2:5: image 'api': field 'repository': is required"),
        arguments(
            entry("name: api", "registry: ghcr.io", "repository: Org/api"),
            "images.yaml:4:5: image 'api': field 'repository': \"Org/api\" must be lower case"),
        arguments(
            entry("name: api", "registry: ghcr.io", "repository: org/api@sha256:abc"),
            "images.yaml:4:5: image 'api': field 'repository': \"org/api@sha256:abc\" must not"
                + " contain a tag or digest (external images select tags with allowTags)"),
        arguments(
            entry("name: api", "registry: ghcr.io", "repository: ghcr.io/org/api"),
            "images.yaml:4:5: image 'api': field 'repository': \"ghcr.io/org/api\" starts with the"
                + " registry; write org/api"),
        arguments(
            entry("name: api", "registry: ghcr.io", "repository: org//api"),
            "images.yaml:4:5: image 'api': field 'repository': \"org//api\"" + NOT_A_PATH),
        arguments(
            entry("name: api", "registry: ghcr.io", "repository: org/api-"),
            "images.yaml:4:5: image 'api': field 'repository': \"org/api-\"" + NOT_A_PATH),
        arguments(
            entry("name: api", "registry: ghcr.io", "repository: org/" + "a".repeat(250)),
            "images.yaml:4:5: image 'api': field 'repository': \"org/"
                + "a".repeat(56)
                + "...\""
                + " makes the image name longer than 255 characters"),
        // rebuildDelay and autoRebuild
        arguments(
            external("rebuildDelay: 7 days"),
            "images.yaml:5:5: image 'api': field 'rebuildDelay': \"7 days\"" + DURATION_HINT),
        arguments(
            external("rebuildDelay: 0m"),
            "images.yaml:5:5: image 'api': field 'rebuildDelay': \"0m\" must be positive"),
        arguments(
            external("rebuildDelay: P2Y"),
            "images.yaml:5:5: image 'api': field 'rebuildDelay': \"P2Y\"" + DURATION_HINT),
        arguments(
            external("rebuildDelay: 400d"),
            "images.yaml:5:5: image 'api': field 'rebuildDelay': \"400d\" is longer than 365 days"),
        arguments(
            external("rebuildDelay: [7d]"),
            "images.yaml:5:5: image 'api': field 'rebuildDelay': expected a string, got a list"),
        arguments(
            external("autoRebuild: yes"),
            "images.yaml:5:5: image 'api': field 'autoRebuild': expected true or false, got"
                + " \"yes\""),
        arguments(
            external("autoRebuild: \"true\""),
            "images.yaml:5:5: image 'api': field 'autoRebuild': expected true or false, got"
                + " \"true\""),
        arguments(
            external("autoRebuild: [true]"),
            "images.yaml:5:5: image 'api': field 'autoRebuild': expected true or false, got a"
                + " list"),
        // allowTags and imageSelectionStrategy
        arguments(
            external("allowTags: ^(16$"),
            "images.yaml:5:5: image 'api': field 'allowTags': \"^(16$\" is not a regular"
                + " expression Kargo accepts (RE2 syntax, as Go's regexp): error parsing regexp:"
                + " missing closing ): `^(16$`; Kargo would refuse it too"),
        arguments(
            external("allowTags: ^1\\.17(?!-rc)"),
            "images.yaml:5:5: image 'api': field 'allowTags': \"^1\\.17(?!-rc)\" is not a"
                + " regular expression Kargo accepts (RE2 syntax, as Go's regexp): error parsing"
                + " regexp: invalid or unsupported Perl syntax: `(?!`; Kargo would refuse it too"
                + " (RE2 has no lookarounds)"),
        arguments(
            external("imageSelectionStrategy: semver"),
            "images.yaml:5:5: image 'api': field 'imageSelectionStrategy': \"semver\" is not one of"
                + " SemVer, Lexical, Digest, NewestBuild (did you mean SemVer?)"),
        arguments(
            external("imageSelectionStrategy: Newest"),
            "images.yaml:5:5: image 'api': field 'imageSelectionStrategy': \"Newest\" is not one of"
                + " SemVer, Lexical, Digest, NewestBuild"),
        arguments(
            external("allowTags: ^1[0-9]$", "imageSelectionStrategy: Digest"),
            "images.yaml:5:5: image 'api': field 'allowTags': \"^1[0-9]$\" matches more than one"
                + " tag; the Digest strategy follows one tag: write it as ^<tag>$, with dots"
                + " escaped (^1\\.17$)"),
        arguments(
            external("imageSelectionStrategy: Digest"),
            "images.yaml:2:5: image 'api': field 'allowTags': is required with"
                + " imageSelectionStrategy Digest; the Digest strategy follows one tag: write it"
                + " as ^<tag>$, with dots escaped (^1\\.17$)"),
        arguments(
            managed("allowTags: ^1$"),
            "images.yaml:7:5: image 'api': field 'allowTags': applies to external images only"
                + " (this image has a source; Image Factory follows its builds)"),
        arguments(
            managed("imageSelectionStrategy: SemVer"),
            "images.yaml:7:5: image 'api': field 'imageSelectionStrategy': applies to external"
                + " images only (this image has a source; Image Factory follows its builds)"),
        // unknown fields
        arguments(
            external("rebuild_delay: 2d"),
            "images.yaml:5:5: image 'api': field 'rebuild_delay': unknown field (did you mean"
                + " 'rebuildDelay'?)"),
        arguments(
            external("maintainer: platform-team"),
            "images.yaml:5:5: image 'api': field 'maintainer': unknown field (known fields: name,"
                + " registry, repository, source, rebuildDelay, autoRebuild, allowTags,"
                + " imageSelectionStrategy, owner, system, rebuildWindow, fastPath)"),
        arguments(
            external("ownr: platform-team"),
            "images.yaml:5:5: image 'api': field 'ownr': unknown field (did you mean 'owner'?)"),
        // owner and system: Backstage entity references
        arguments(
            external("owner: Platform Team"),
            "images.yaml:5:5: image 'api': field 'owner': \"Platform Team\": \"Platform Team\" is"
                + " not a valid entity name: use letters, digits, '-', '_' and '.', starting and"
                + " ending with a letter or digit, at most 63 characters"
                + REF_HINT),
        arguments(
            external("owner: system:default/shop"),
            "images.yaml:5:5: image 'api': field 'owner': \"system:default/shop\": must refer to a"
                + " group or user, not a system"),
        arguments(
            external("owner: group:Default/platform"),
            "images.yaml:5:5: image 'api': field 'owner': \"group:Default/platform\": \"Default\""
                + " is not a valid namespace: use lower-case letters, digits and single '-' between"
                + " them, at most 63 characters"),
        arguments(
            external("owner: \"group:\""),
            "images.yaml:5:5: image 'api': field 'owner': \"group:\": \"\" is not a valid entity"
                + " name: use letters, digits, '-', '_' and '.', starting and ending with a letter"
                + " or digit, at most 63 characters"
                + REF_HINT),
        arguments(
            external("owner: [platform]"),
            "images.yaml:5:5: image 'api': field 'owner': expected a string, got a list"),
        arguments(
            external("system: group:default/platform"),
            "images.yaml:5:5: image 'api': field 'system': \"group:default/platform\": must refer"
                + " to a system, not a group"),
        arguments(
            external("system: shop/" + "s".repeat(64)),
            "images.yaml:5:5: image 'api': field 'system': \"shop/"
                + "s".repeat(55)
                + "...\": \""
                + "s".repeat(60)
                + "...\" is not a valid entity name: use letters, digits, '-',"
                + " '_' and '.', starting and ending with a letter or digit, at most 63 characters"
                + REF_HINT.replace("group:|user:", "system:")),
        arguments(
            managed("  dockerFile: Dockerfile"),
            "images.yaml:7:7: image 'api': field 'source.dockerFile': unknown field (did you mean"
                + " 'dockerfile'?)"),
        // source
        arguments(
            external("source: Dockerfile"),
            "images.yaml:5:5: image 'api': field 'source': expected a mapping, got a string"),
        arguments(
            external("source:"),
            "images.yaml:5:5: image 'api': field 'source': is empty: a managed image needs at"
                + " least source.dockerfile"),
        arguments(
            external("source:", "  workflow: build.yml"),
            "images.yaml:6:7: image 'api': field 'source.dockerfile': is required"),
        arguments(
            managed("  provider: bitbucket"),
            "images.yaml:7:7: image 'api': field 'source.provider': \"bitbucket\" is not a"
                + " supported provider (use github; gitlab is accepted for a later provider)"),
        arguments(
            managed("  repo: just-a-name"),
            "images.yaml:7:7: image 'api': field 'source.repo': \"just-a-name\"" + NOT_A_REPO),
        arguments(
            managed("  repo: ftp://example.com/org/api.git"),
            "images.yaml:7:7: image 'api': field 'source.repo': \"ftp://example.com/org/api.git\""
                + NOT_A_REPO),
        arguments(
            managed("  repo: http://github.com/org/api.git"),
            "images.yaml:7:7: image 'api': field 'source.repo': \"http://github.com/org/api.git\""
                + " must use https, not http"),
        arguments(
            managed("  repo: https://x-access-token:ghp_secret@github.com/org/api.git"),
            "images.yaml:7:7: image 'api': field 'source.repo': a repository URL must not contain"
                + " credentials (configure them on the worker)"),
        arguments(
            managed("  repo: https://ghp_secret@github.com/org api.git"),
            "images.yaml:7:7: image 'api': field 'source.repo': \"https://***@github.com/org"
                + " api.git\""
                + NOT_A_REPO),
        arguments(
            entryWithSource("  dockerfile: /apps/api/Dockerfile"),
            "images.yaml:6:7: image 'api': field 'source.dockerfile': \"/apps/api/Dockerfile\" must"
                + " be relative to the repository root (no leading '/')"),
        arguments(
            entryWithSource("  dockerfile: apps\\api\\Dockerfile"),
            "images.yaml:6:7: image 'api': field 'source.dockerfile': \"apps\\api\\Dockerfile\""
                + " must use '/' as the separator (no backslashes)"),
        arguments(
            entryWithSource("  dockerfile: apps/../../etc/passwd"),
            "images.yaml:6:7: image 'api': field 'source.dockerfile': \"apps/../../etc/passwd\""
                + " must not contain '..'"),
        arguments(
            entryWithSource("  dockerfile: \"apps/\\tDockerfile\""),
            "images.yaml:6:7: image 'api': field 'source.dockerfile': \"apps/\\u0009Dockerfile\""
                + " contains a control character"),
        arguments(
            entryWithSource("  dockerfile: ./Dockerfile"),
            "images.yaml:6:7: image 'api': field 'source.dockerfile': \"./Dockerfile\" is not a"
                + " normalised file path (no empty or '.' segments)"),
        arguments(
            entryWithSource("  dockerfile: apps//Dockerfile"),
            "images.yaml:6:7: image 'api': field 'source.dockerfile': \"apps//Dockerfile\" is not"
                + " a normalised file path (no empty or '.' segments)"),
        arguments(
            managed("  branch: my branch"),
            "images.yaml:7:7: image 'api': field 'source.branch': \"my branch\" is not a valid"
                + " branch name"),
        arguments(
            managed("  branch: release..1"),
            "images.yaml:7:7: image 'api': field 'source.branch': \"release..1\" is not a valid"
                + " branch name"),
        arguments(
            managed("  workflow: .github/workflows/build.yml"),
            "images.yaml:7:7: image 'api': field 'source.workflow':"
                + " \".github/workflows/build.yml\" is not a workflow file name (like build.yml, in"
                + " .github/workflows) or id"),
        arguments(
            managed("  buildArgs: [GO_VERSION=1.23]"),
            "images.yaml:7:7: image 'api': field 'source.buildArgs': expected a mapping, got a"
                + " list"),
        arguments(
            managed("  buildArgs:", "    GO-VERSION: \"1.23\""),
            "images.yaml:8:9: image 'api': field 'source.buildArgs.GO-VERSION': is not a valid name"
                + " for a build arg (letters, digits and '_')"),
        arguments(
            managed("  buildArgs:", "    GO_VERSION: [1, 2]"),
            "images.yaml:8:9: image 'api': field 'source.buildArgs.GO_VERSION': expected a string,"
                + " got a list"),
        arguments(
            managed("  buildArgs:", "    GO_VERSION:"),
            "images.yaml:8:9: image 'api': field 'source.buildArgs.GO_VERSION': has no value (write"
                + " \"\" for an empty one)"),
        arguments(
            managed("  workflowInputs:", "    \"bad input\": x"),
            "images.yaml:8:9: image 'api': field 'source.workflowInputs.bad input': is not a valid"
                + " name for a workflow input (letters, digits, '_' and '-')"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidEntries")
  void reportsTheRuleWithItsPositionEntryAndField(String yaml, String expected) {
    assertThat(errors(yaml)).containsExactly(expected);
  }

  static Stream<String> validEntries() {
    return Stream.of(
        entry("name: a", "registry: localhost:5000", "repository: a"),
        entry("name: pg-16", "registry: registry.example.com:443", "repository: a/b.c/d__e/f-g"),
        external("rebuildDelay: 90m", "autoRebuild: false"),
        external("rebuildDelay: PT12H", "autoRebuild: True"),
        external(
            "rebuildDelay: P2W",
            "allowTags: ^v?[0-9]+\\.[0-9]+$",
            "imageSelectionStrategy: NewestBuild"),
        external("allowTags: ^1\\.17$", "imageSelectionStrategy: Digest"),
        external("allowTags: ^1.17-alpine$", "imageSelectionStrategy: Digest"),
        external("allowTags: latest", "imageSelectionStrategy: Digest"),
        managed("  provider: gitlab", "  repo: https://gitlab.example.com/group/sub/api.git"),
        managed("  repo: ssh://git@github.com/org/api.git"),
        managed("  repo: git@github.com:org/api.git"),
        managed("  repo: file:///srv/git/api.git"),
        managed("  repo: org/api.js", "  branch: release/1.x", "  workflow: build.yaml"),
        managed(
            "  workflow: \"161335\"",
            "  buildArgs: {GO_VERSION: 1.23, DEBUG: on}",
            "  workflowInputs: {dry-run: \"false\"}"),
        "- name: \"" + "a".repeat(63) + "\"\n  registry: ghcr.io\n  repository: org/api\n",
        external("owner: platform", "system: shop"),
        external("owner: group:default/platform", "system: system:retail/shop.front_end"),
        external("owner: User:ada.lovelace", "system: System:shop"),
        external("owner: team-a/Platform_Team.2"));
  }

  @ParameterizedTest
  @MethodSource("validEntries")
  void acceptsValidEntries(String yaml) throws Exception {
    assertThat(loader.parse("images.yaml", yaml.getBytes(StandardCharsets.UTF_8)).entries())
        .hasSize(1);
  }

  @Test
  void keepsScalarTextAsWritten() throws Exception {
    ImageEntry entry =
        loader
            .parse(
                "images.yaml",
                managed("  buildArgs: {GO_VERSION: 1.20, DEBUG: on}")
                    .getBytes(StandardCharsets.UTF_8))
            .entries()
            .get(0);
    assertThat(entry.source().buildArgs())
        .containsEntry("GO_VERSION", "1.20")
        .containsEntry("DEBUG", "on");
  }

  @Test
  void refusesTheSameRepositoryEnrolledTwice() {
    String yaml =
        entry("name: api", "registry: ghcr.io", "repository: org/api")
            + "  - name: api2\n    registry: ghcr.io\n    repository: org/api\n";
    assertThat(errors(yaml))
        .containsExactly(
            "images.yaml:7:5: image 'api2': field 'repository':"
                + " ghcr.io/org/api is already enrolled as 'api' (line 2)");
  }

  @Test
  void namesEntriesWithoutAValidNameByPosition() {
    String yaml =
        entry("name: api", "registry: ghcr.io", "repository: org/api")
            + "  - name: Bad\n    registry: ghcr.io\n    repository: org/bad\n    colour: red\n";
    assertThat(errors(yaml))
        .containsExactly(
            "images.yaml:5:5: entry #2: field 'name': \"Bad\" must be lower case",
            "images.yaml:8:5: entry #2: field 'colour': unknown field (known fields: name,"
                + " registry, repository, source, rebuildDelay, autoRebuild, allowTags,"
                + " imageSelectionStrategy, owner, system, rebuildWindow, fastPath)");
  }

  @Test
  void reportsAFieldUnderDefaultsAsTheDefaultsNotAsAnImage() {
    String yaml =
        "defaults:\n  rebuildWindow: {timeZone: Mars/Olympus, days: [Mon], from: '09:00', to: "
            + "'10:00'}\n"
            + "  rebuildWindw: {}\n"
            + entry("name: api", "registry: ghcr.io", "repository: org/api");
    assertThat(errors(yaml))
        .containsExactlyInAnyOrder(
            "images.yaml:3:3: defaults: field 'rebuildWindw': unknown field (did you mean"
                + " 'rebuildWindow'?)",
            "images.yaml:2:19: defaults: field 'rebuildWindow.timeZone': \"Mars/Olympus\" is not a"
                + " known time zone (an IANA zone such as Europe/London, America/New_York or UTC)")
        .noneMatch(error -> error.contains("image 'defaults'"));
  }

  /** An entry with the given lines, under {@code images:}. */
  private static String entry(String... lines) {
    StringBuilder yaml = new StringBuilder("images:\n");
    for (int i = 0; i < lines.length; i++) {
      yaml.append(i == 0 ? "  - " : "    ").append(lines[i]).append('\n');
    }
    return yaml.toString();
  }

  /** External image {@code api} (lines 2-4) plus lines from line 5. */
  private static String external(String... more) {
    List<String> lines =
        new ArrayList<>(List.of("name: api", "registry: ghcr.io", "repository: org/api"));
    lines.addAll(List.of(more));
    return entry(lines.toArray(String[]::new));
  }

  /** Managed image {@code api} with a source block (lines 5-6) plus source lines from line 7. */
  private static String managed(String... more) {
    List<String> lines = new ArrayList<>(List.of("source:", "  dockerfile: Dockerfile"));
    lines.addAll(List.of(more));
    return external(lines.toArray(String[]::new));
  }

  /** Managed image {@code api} whose source block starts at line 5 with the given lines. */
  private static String entryWithSource(String... sourceLines) {
    List<String> lines = new ArrayList<>(List.of("source:"));
    lines.addAll(List.of(sourceLines));
    return external(lines.toArray(String[]::new));
  }

  private List<String> errors(String yaml) {
    try {
      loader.parse("images.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    } catch (CatalogException e) {
      return e.errors().stream().map(CatalogError::toString).toList();
    }
    throw new AssertionError("expected errors for:\n" + yaml);
  }
}
