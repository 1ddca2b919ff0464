package io.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariableExpanderTest {

  private static final Map<String, String> ENV = Map.of("SET", "v", "EMPTY", "");

  private final VariableExpander expander = new VariableExpander('\\');

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "plain                 | plain",
        "$SET                  | v",
        "${SET}                | v",
        "a${SET}b$SET.c        | avbv.c",
        "${UNSET:-d}           | d",
        "${EMPTY:-d}           | d",
        "${EMPTY-d}            | ~~",
        "${UNSET-d}            | d",
        "${SET:-d}             | v",
        "${SET:+a}             | a",
        "${EMPTY:+a}           | ~~",
        "${EMPTY+a}            | a",
        "${UNSET+a}            | ~~",
        "${UNSET:-${SET}x}     | vx",
        "${UNSET:-'$SET'}      | $SET",
        "'$SET'                | $SET",
        "\"$SET\"              | v",
        "\"a\\\"b\"            | a\"b",
        "\\$SET                | $SET",
        "$                     | $",
        "a$-b                  | ab",
        "${SET:?must be set}   | v"
      })
  void expandsLikeBuildKit(String word, String expected) throws Exception {
    Expansion expansion = expander.expand(word, ENV);

    assertThat(expansion.value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$UNSET               | UNSET",
        "${UNSET}-${OTHER}    | UNSET,OTHER",
        "${SET:+$UNSET}       | UNSET",
        "${UNSET:-$OTHER}     | OTHER"
      })
  void reportsNamesWithoutValue(String word, String names) throws Exception {
    Expansion expansion = expander.expand(word, ENV);

    assertThat(expansion.complete()).isFalse();
    assertThat(String.join(",", expansion.unset())).isEqualTo(names);
  }

  private static final Map<String, String> VERSIONS =
      Map.of("V", "1.23.4", "P", "docker.io/library/node:22-slim", "LINES", "a\nb", "S", "a*b");

  /** BuildKit's results ({@code frontend/dockerfile/shell/lex.go}): Go regexps of the pattern. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "${V%.*}          | 1.23",
        "${V%%.*}         | 1",
        "${V#*.}          | 23.4",
        "${V##*.}         | 4",
        "${V%?}           | 1.23.",
        "${V#?}           | .23.4",
        "${V#x}           | 1.23.4",
        "${V#}            | 1.23.4",
        "${V:#1.}         | 23.4",
        "${V/./-}         | 1-23.4",
        "${V//./-}        | 1-23-4",
        "${V/2*/x}        | 1.x",
        "${V/*/x}         | x",
        "${V//?/x}        | xxxxxx",
        "${V///-}         | -1-.-2-3-.-4-",
        "${V//3/}         | 1.2.4",
        "${V/#1/x}        | 1.23.4",
        "${P##*/}         | node:22-slim",
        "${P%%:*}         | docker.io/library/node",
        "${P%:*}-alpine   | docker.io/library/node-alpine",
        "${P/\\//_}       | docker.io_library/node:22-slim",
        "${S/\\*/+}       | a+b",
        "${S/\\?/+}       | a*b",
        "${S%\\**}        | a",
        "${V%.${V#*.*.}}  | 1.23",
        "golang:${V%.*}   | golang:1.23"
      })
  void expandsPatternModifiersAsBuildKit(String word, String value) throws Exception {
    Expansion expansion = expander.expand(word, VERSIONS);

    assertThat(expansion.complete()).isTrue();
    assertThat(expansion.value()).isEqualTo(value);
  }

  @Test
  void letsNoWildcardCrossALineBreak() throws Exception {
    assertThat(expander.expand("${LINES#*b}", VERSIONS).value()).isEqualTo("a\nb");
    assertThat(expander.expand("${LINES#a?}", VERSIONS).value()).isEqualTo("a\nb");
    assertThat(expander.expand("${LINES/\n/-}", VERSIONS).value()).isEqualTo("a-b");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"${UNSET%.*}", "${UNSET/a/b}", "${V#$UNSET}"})
  void reportsAVariableOfAPatternModifierWithoutValue(String word) throws Exception {
    Expansion expansion = expander.expand(word, VERSIONS);

    assertThat(expansion.unset()).containsExactly("UNSET");
  }

  @Test
  void matchesPatternsInLinearTime() {
    String pattern = "*a".repeat(30) + "b";

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThat(
                    expander
                        .expand("${V//" + pattern + "/x}", Map.of("V", "a".repeat(200_000)))
                        .value())
                .hasSize(200_000));
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(
                    () ->
                        expander.expand(
                            "${V/" + pattern + "/x}", Map.of("V", "a".repeat(1_000_000))))
                .isInstanceOf(ExpansionException.class)
                .hasMessage("pattern substitutions take more than 50000000 steps to match"));
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThat(
                    new VariableExpander('\\')
                        .expand("${V%" + pattern + "}", Map.of("V", "b"))
                        .value())
                .isEqualTo("b"));
  }

  @Test
  void ignoresUnsetNamesInWordsItDoesNotUse() throws Exception {
    Expansion expansion = expander.expand("${SET:-$UNSET}${UNSET:+$OTHER}", ENV);

    assertThat(expansion.complete()).isTrue();
    assertThat(expansion.value()).isEqualTo("v");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "${UNSET:?need it}  | UNSET: need it",
        "${EMPTY:?}         | EMPTY: has no value",
        "${}                | bad substitution",
        "${SET              | missing '}'",
        "${SET:-x           | missing '}'",
        "${SET:             | missing '}'",
        "${SET^x}           | unsupported modifier (^) in substitution",
        "${SET:/x/y}        | unsupported modifier (:/) in substitution",
        "${SET/x            | missing '/'",
        "${SET/x/y          | missing '}'",
        "${SET#\\a}         | invalid pattern (\\a) in substitution: invalid escape",
        "'open              | unterminated single quote",
        "\"open             | unterminated double quote"
      })
  void rejectsWordsItCannotExpand(String word, String message) {
    assertThatThrownBy(() -> expander.expand(word, ENV))
        .isInstanceOf(ExpansionException.class)
        .hasMessage(message);
  }

  @Test
  void boundsNesting() throws Exception {
    String nested =
        "${U:-".repeat(VariableExpander.MAX_NESTING)
            + "x"
            + "}".repeat(VariableExpander.MAX_NESTING);
    assertThat(expander.expand(nested, ENV).value()).isEqualTo("x");

    String deeper = "${U:-" + nested + "}";
    assertThatThrownBy(() -> expander.expand(deeper, ENV))
        .isInstanceOf(ExpansionException.class)
        .hasMessageContaining("nested");
  }

  @Test
  void usesTheBacktickAsEscapeWhenTheDirectiveSaysSo() throws Exception {
    VariableExpander windows = new VariableExpander('`');

    assertThat(windows.expand("C:\\app`$SET", ENV).value()).isEqualTo("C:\\app$SET");
  }
}
