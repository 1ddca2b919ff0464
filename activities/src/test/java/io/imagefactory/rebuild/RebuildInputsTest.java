package io.imagefactory.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RebuildInputsTest {

  private static final String NODE = "node-22-bookworm-slim";
  private static final String NODE_DIGEST = "sha256:1111";
  private static final String GO = "golang-1.23-bookworm";
  private static final List<String> BASES = List.of(NODE, GO);

  private static final RebuildRequest REQUEST =
      new RebuildRequest(
          "api",
          "api#3",
          null,
          "timer",
          Map.of(NODE, NODE_DIGEST),
          Map.of(
              NODE, "docker.io/library/node:22-bookworm-slim",
              GO, "docker.io/library/golang:1.23-bookworm"),
          Instant.parse("2026-11-01T10:00:00Z"));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "production                                | production",
        "${rebuild.id}                             | api#3",
        "Rebuild ${rebuild.id} (${rebuild.reason}) | Rebuild api#3 (timer)",
        "${image.name}                             | api",
        "${base.node-22-bookworm-slim.digest}      | sha256:1111",
        "${base.golang-1.23-bookworm.digest}       | ~~",
        "${base.node-22-bookworm-slim.ref}         | docker.io/library/node:22-bookworm-slim@sha256:1111",
        "${base.golang-1.23-bookworm.ref}          | docker.io/library/golang:1.23-bookworm",
        "$${rebuild.id}                            | ${rebuild.id}",
        "$$${rebuild.id}                           | $${rebuild.id}",
        "cost: $5, $                               | cost: $5, $",
        "$${{ github.sha }}                        | ${{ github.sha }}",
        "~~                                        | ~~"
      })
  void rendersEachPlaceholder(String value, String expected) {
    assertThat(RebuildInputs.render(Map.of("x", value), REQUEST)).containsEntry("x", expected);
    assertThat(RebuildInputs.problems(Map.of("x", value), BASES)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "${rebuild}        | unknown placeholder ${rebuild} in input 'x' (use ${rebuild.id},"
            + " ${rebuild.reason}, ${image.name}, ${base.<base>.digest} or ${base.<base>.ref};"
            + " $${ is a literal ${)",
        "${}               | unknown placeholder ${} in input 'x'",
        "${ rebuild.id }   | unknown placeholder ${ rebuild.id } in input 'x'",
        "${Rebuild.Id}     | unknown placeholder ${Rebuild.Id} in input 'x'",
        "${base.node}      | unknown placeholder ${base.node} in input 'x'",
        "${base..ref}      | unknown placeholder ${base..ref} in input 'x'",
        "${base.node.tag}  | unknown placeholder ${base.node.tag} in input 'x'",
        "${{ github.sha }} | unknown placeholder ${{ github.sha } in input 'x'",
        "v${rebuild.id     | unterminated ${ in input 'x': \"v${rebuild.id\" (close it with },"
            + " or write $${ for a literal ${)",
        "${base.node.ref}  | ${base.node.ref} in input 'x' names no base of this image (its bases:"
            + " golang-1.23-bookworm, node-22-bookworm-slim)",
        "${base.Node-22-bookworm-slim.digest} | ${base.Node-22-bookworm-slim.digest} in input 'x'"
            + " names no base of this image"
      })
  void reportsBadPlaceholdersNamingTheInput(String value, String problem) {
    assertThat(RebuildInputs.problems(Map.of("x", value), BASES))
        .singleElement()
        .asString()
        .startsWith(problem);
    assertThatThrownBy(() -> RebuildInputs.render(Map.of("x", value), REQUEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input 'x'");
  }

  @Test
  void reportsEveryProblemInInputOrder() {
    Map<String, String> inputs =
        Map.of("b", "${image.nam} ${base.x.ref}", "a", "${rebuild.id", "c", "fine");

    assertThat(RebuildInputs.check(inputs))
        .extracting(InputProblem::input)
        .containsExactly("a", "b");
    assertThat(RebuildInputs.checkBases(inputs, BASES))
        .extracting(InputProblem::input)
        .containsExactly("b");
    assertThat(RebuildInputs.problems(inputs, List.of()))
        .last()
        .asString()
        .endsWith("names no base of this image (it has none)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "${base.node-22-bookworm-slim.ref} ${base.golang-1.23-bookworm.digest} | true",
        "${base.node-22-bookworm-slim.ref}                                      | false",
        "FROM ${base.node-22-bookworm-slim.digest}${base.golang-1.23-bookworm.ref} | true",
        "$${base.node-22-bookworm-slim.ref} ${base.golang-1.23-bookworm.ref}   | false",
        "${rebuild.id}                                                          | false"
      })
  void pinsEveryBaseOnlyWhenEachBaseHasAPlaceholder(String value, boolean pins) {
    assertThat(RebuildInputs.pinsEveryBase(Map.of("base", value), BASES)).isEqualTo(pins);
  }

  @Test
  void pinsEveryBaseAcrossInputsAndTriviallyWithoutBases() {
    Map<String, String> inputs =
        Map.of(
            "node_image", "${base.node-22-bookworm-slim.ref}",
            "go_digest", "${base.golang-1.23-bookworm.digest}");

    assertThat(RebuildInputs.pinsEveryBase(inputs, BASES)).isTrue();
    assertThat(RebuildInputs.pinsEveryBase(Map.of(), List.of())).isTrue();
    assertThat(RebuildInputs.pinsEveryBase(Map.of(), List.of(NODE))).isFalse();
    assertThat(RebuildInputs.referencedBases(inputs)).containsExactly(GO, NODE);
  }

  @Test
  void replacesTheDigestOfAReferenceThatAlreadyHasOne() {
    RebuildRequest pinned =
        new RebuildRequest(
            "api",
            "api#4",
            null,
            "now",
            Map.of(NODE, NODE_DIGEST),
            Map.of(NODE, "docker.io/library/node:22-bookworm-slim@sha256:" + "0".repeat(64)),
            Instant.EPOCH);

    assertThat(RebuildInputs.render(Map.of("b", "${base." + NODE + ".ref}"), pinned))
        .containsEntry("b", "docker.io/library/node:22-bookworm-slim@" + NODE_DIGEST);
  }

  @Test
  void rendersEveryInputSortedByName() {
    Map<String, String> rendered =
        RebuildInputs.render(
            Map.of("z", "${rebuild.reason}", "a", "${image.name}", "m", "plain"), REQUEST);

    assertThat(rendered.keySet()).containsExactly("a", "m", "z");
  }
}
