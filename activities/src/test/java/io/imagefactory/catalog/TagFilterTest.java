package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.yaml.Quoted;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tag filters mean what they mean to Kargo (Go's {@code regexp.MatchString}). The expected values
 * are Go's; the rows marked "java" are where {@code java.util.regex} would answer differently. The
 * {@code @Timeout}s are hang guards (a backtracking matcher takes minutes), not speed claims.
 */
class TagFilterTest {

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // A match anywhere in the tag: only anchors pin the whole tag.
        "1\\.17                 | v1.17-alpine  | true",
        "^1\\.17$               | 1.17          | true",
        "^1\\.17$               | 1.17.1        | false",
        "^v?[0-9]+\\.[0-9]+$    | v16.2         | true",
        "^v?[0-9]+\\.[0-9]+$    | 16.2-alpine   | false",
        "alpine                 | 3.20-alpine   | true",
        "(?i)^LATEST$           | latest        | true",
        "^sha256-[0-9a-f]{4}    | sha256-abcd   | true",
        // java: POSIX classes are RE2 syntax, a plain set of characters in java.util.regex.
        "^[[:digit:]]+$         | 16            | true",
        "^[[:digit:]]+$         | d:            | false",
        // java: $ also matches before a final line break there; in RE2 only at the end.
        "^1\\.17$               | '1.17\n'      | false",
        // java: (?P<name>...) is RE2's named group, a syntax error in java.util.regex.
        "^(?P<major>[0-9]+)-    | 16-alpine     | true",
        // java: a brace that starts no repetition is a literal in RE2, an error in java.
        "a{,3}                  | xa{,3}        | true",
        "\\Q1.17\\E             | 1x17          | false",
      })
  void matchesAsKargoDoes(String regex, String tag, boolean expected) {
    assertThat(TagFilter.of(regex).matches(tag)).isEqualTo(expected);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aBacktrackingBombMatchesInLinearTime() {
    TagFilter nested = TagFilter.of("^(a+)+$");
    TagFilter repeated = TagFilter.of("^(.*a){12}$");

    assertThat(nested.matches("a".repeat(100_000) + "!")).isFalse();
    assertThat(nested.matches("a".repeat(40))).isTrue();
    assertThat(repeated.matches("postgres" + "a".repeat(40) + "-")).isFalse();
    assertThat(repeated.matches("a".repeat(12))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"^(?=1)1\\.17$", "^1\\.17(?!-rc)", "(?<=v)1", "(?<!v)1"})
  void aLookaroundIsRefusedAsKargoRefusesIt(String regex) {
    assertThat(TagFilter.problem(regex))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith(Quoted.of(regex) + " is not a regular expression Kargo accepts")
                    .contains("error parsing regexp: ")
                    .endsWith("Kargo would refuse it too (RE2 has no lookarounds)"));
  }

  @Test
  void backreferencesAndPossessiveQuantifiersAreRefusedWithWhatRe2Lacks() {
    assertThat(TagFilter.problem("^(a)\\1$"))
        .hasValueSatisfying(r -> assertThat(r).endsWith("(RE2 has no backreferences)"));
    assertThat(TagFilter.problem("^a++$"))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains("invalid nested repetition operator: `++`")
                    .endsWith("(RE2 has no possessive quantifiers)"));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void repetitionsGoRefusesAreRefusedBeforeAnythingIsCompiled() {
    // RE2/J would expand this to a billion instructions and run out of memory.
    assertThat(TagFilter.problem("((a{1000}){1000}){1000}"))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains("invalid repeat count")
                    .endsWith("Kargo would refuse it too"));
    assertThat(TagFilter.problem("(a{100}){11}")).isPresent();
    assertThat(TagFilter.problem("(a{100}){10}")).isEmpty();
    assertThat(TagFilter.problem("(a{100}){0}")).isEmpty();
    assertThat(TagFilter.problem("a{1001}"))
        .hasValueSatisfying(r -> assertThat(r).contains("invalid repeat count"));
  }

  @Test
  void aFilterTooLargeToMatchCheaplyIsRefusedAsOurLimit() {
    assertThat(TagFilter.problem("(a{1000})".repeat(25)))
        .hasValueSatisfying(
            r -> assertThat(r).contains("instructions, more than Image Factory's limit of 20000"));
    assertThat(TagFilter.problem("a".repeat(1025)))
        .hasValueSatisfying(
            r -> assertThat(r).contains("Image Factory accepts tag filters of at most 1024"));
    assertThat(TagFilter.problem("a".repeat(1024))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?(-[a-z0-9]+)?$",
        "^(22|20)-bookworm(-slim)?$",
        "[[:alpha:]]{2,8}",
        "\\x{41}\\p{L}\\PN",
        "[]a]+",
        "(?i:rc)|(?s:.)",
        "\\Q(a{1000}){1000}\\E"
      })
  void ordinaryFiltersAreAccepted(String regex) {
    assertThat(TagFilter.problem(regex)).isEmpty();
  }

  @Test
  void aSyntaxErrorIsReportedInGosWords() {
    assertThat(TagFilter.problem("^(16$"))
        .contains(
            "\"^(16$\" is not a regular expression Kargo accepts (RE2 syntax, as Go's regexp):"
                + " error parsing regexp: missing closing ): `^(16$`; Kargo would refuse it too");
  }
}
