package io.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariableExpanderTest {

  private static final Map<String, String> ENV = Map.of("SET", "v", "EMPTY", "");

  private final VariableExpander expander = new VariableExpander('\\');

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
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
      "${SET:?must be set}   | v"})
  void expandsLikeBuildKit(String word, String expected) throws Exception {
    Expansion expansion = expander.expand(word, ENV);

    assertThat(expansion.value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "$UNSET               | UNSET",
      "${UNSET}-${OTHER}    | UNSET,OTHER",
      "${SET:+$UNSET}       | UNSET",
      "${UNSET:-$OTHER}     | OTHER"})
  void reportsNamesWithoutValue(String word, String names) throws Exception {
    Expansion expansion = expander.expand(word, ENV);

    assertThat(expansion.complete()).isFalse();
    assertThat(String.join(",", expansion.unset())).isEqualTo(names);
  }

  @Test
  void ignoresUnsetNamesInWordsItDoesNotUse() throws Exception {
    Expansion expansion = expander.expand("${SET:-$UNSET}${UNSET:+$OTHER}", ENV);

    assertThat(expansion.complete()).isTrue();
    assertThat(expansion.value()).isEqualTo("v");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "${UNSET:?need it}  | UNSET: need it",
      "${EMPTY:?}         | EMPTY: has no value",
      "${}                | bad substitution",
      "${SET              | missing '}'",
      "${SET:-x           | missing '}'",
      "${SET:             | missing '}'",
      "${SET#x}           | unsupported modifier (#) in substitution",
      "'open              | unterminated single quote",
      "\"open             | unterminated double quote"})
  void rejectsWordsItCannotExpand(String word, String message) {
    assertThatThrownBy(() -> expander.expand(word, ENV))
        .isInstanceOf(ExpansionException.class)
        .hasMessage(message);
  }

  @Test
  void boundsNesting() throws Exception {
    String nested = "${U:-".repeat(VariableExpander.MAX_NESTING) + "x" + "}".repeat(VariableExpander.MAX_NESTING);
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
