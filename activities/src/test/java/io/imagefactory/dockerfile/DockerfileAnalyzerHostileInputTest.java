package io.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Size limit and hostile input: whatever the text, the analyzer returns or throws a
 * DockerfileSyntaxException, quickly, and never overflows the stack.
 */
class DockerfileAnalyzerHostileInputTest {

  private static final int MIB = DockerfileAnalyzer.MAX_BYTES;

  /** Generous for a loaded build machine; quadratic or exponential work would take hours. */
  private static final Duration QUICKLY = Duration.ofSeconds(20);

  private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

  private final DockerfileAnalyzer analyzer = new DockerfileAnalyzer();

  @Test
  void refusesContentOverOneMebibyte() {
    String content = "FROM alpine\n" + "#".repeat(MIB - 11);

    assertThatThrownBy(() -> analyzer.analyze("big/Dockerfile", content, Map.of()))
        .isInstanceOfSatisfying(
            DockerfileSyntaxException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("big/Dockerfile:0: the Dockerfile is larger than 1 MiB");
              assertThat(e.line()).isZero();
            });
  }

  @Test
  void countsTheLimitInUtf8Bytes() {
    String content = "FROM alpine\n#" + "é".repeat(MIB / 2);

    assertThatThrownBy(() -> analyzer.analyze("Dockerfile", content, Map.of()))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessageContaining("larger than 1 MiB");
  }

  @Test
  void acceptsContentOfExactlyOneMebibyte() throws Exception {
    String content = "FROM alpine\n" + "#".repeat(MIB - 12);

    assertThat(analyzer.analyze("Dockerfile", content, Map.of()).baseImages()).hasSize(1);
  }

  static Stream<Arguments> hostileInputs() {
    int big = MIB - 100;
    return Stream.<Map.Entry<String, Supplier<String>>>of(
            Map.entry("one huge FROM line", () -> "FROM " + "a".repeat(big)),
            Map.entry("one huge RUN line", () -> "FROM a\nRUN " + "x y ".repeat(big / 4)),
            Map.entry("NUL characters", () -> "FROM alp\0ine\nRUN \0\0\0\n\0FROM x\0\n"),
            Map.entry(
                "unbalanced ${", () -> "ARG A=${\nFROM ${A\nFROM b${${\nCOPY --from=${ a b\n"),
            Map.entry("deep ${${${", () -> "FROM " + "${".repeat(big / 2)),
            Map.entry("deep ${A:-${A:-", () -> "FROM " + "${A:-".repeat(big / 5)),
            Map.entry(
                "deep closed ${A:-",
                () -> "FROM " + "${A:-".repeat(big / 12) + "}".repeat(big / 12)),
            Map.entry("many FROM lines", () -> "FROM a$X\n".repeat(big / 10)),
            Map.entry(
                "many distinct bases",
                () -> {
                  StringBuilder text = new StringBuilder();
                  for (int i = 0; text.length() < big - 40; i++) {
                    text.append("FROM img").append(i).append(":1\n");
                  }
                  return text.toString();
                }),
            Map.entry(
                "doubling ARGs",
                () -> "ARG A=xxxxxxxx\n" + "ARG A=$A$A$A$A\n".repeat(big / 16) + "FROM node:$A\n"),
            Map.entry(
                "one ARG used many times",
                () ->
                    "ARG A="
                        + "x".repeat(60_000)
                        + "\n"
                        + "ARG B=$A\n".repeat(50_000)
                        + "FROM node\n"),
            Map.entry("many heredocs on one line", () -> "FROM a\nRUN " + "<<E ".repeat(big / 4)),
            Map.entry(
                "many heredocs closed",
                () -> "FROM a\nRUN " + "<<E ".repeat(20_000) + "\n" + "E\n".repeat(20_000)),
            Map.entry(
                "an endless continuation",
                () -> "FROM a\nRUN x \\\n".repeat(1) + "\\\n".repeat(big / 2)),
            Map.entry("continuation of comments", () -> "FROM a \\\n" + "# c\n".repeat(big / 4)),
            Map.entry("only backslashes", () -> "\\".repeat(big)),
            Map.entry("only backticks", () -> "# escape=`\n" + "`".repeat(big)),
            Map.entry("only quotes", () -> "FROM \"" + "'\"".repeat(big / 2)),
            Map.entry("deep JSON", () -> "FROM a\nRUN " + "[".repeat(big / 2) + " <<EOF\nEOF\n"),
            Map.entry("long flags", () -> "FROM a\nCOPY --from=" + "a".repeat(big) + " x y\n"),
            Map.entry(
                "many mounts", () -> "FROM a\nRUN " + "--mount=from=b,target=/x ".repeat(big / 26)),
            Map.entry("long directive", () -> "# escape=" + " ".repeat(big) + "`\nFROM a\n"),
            Map.entry("long stage name", () -> "FROM a AS " + "b".repeat(big) + "\n"),
            Map.entry("lone surrogates", () -> "FROM \uD800node:\uDC00\nRUN \uD83D\n"),
            Map.entry(
                "control characters",
                () -> "FROM\u000B\u000Cnode\u0085:22\u2028\nRUN \u001B[31m\n"))
        .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void handlesHostileInputQuickly(String name, Supplier<String> input) {
    String content = input.get();

    assertTimeoutPreemptively(QUICKLY, () -> analyzeOrReject(content));
  }

  @Test
  void survivesRandomInput() {
    Random random = new Random(20240611L);
    String[] tokens = {
      "FROM ",
      "from ",
      "ARG ",
      "COPY ",
      "ADD ",
      "RUN ",
      "ONBUILD ",
      " AS ",
      " as ",
      "--from=",
      "--mount=",
      "type=cache,",
      "from=",
      "--platform=$BUILDPLATFORM ",
      "$",
      "${",
      "}",
      ":-",
      ":+",
      "-",
      "+",
      "?",
      ":",
      "@sha256:",
      "node",
      "alpine:3.20",
      "ghcr.io/",
      "localhost:5000/",
      "/",
      "<<",
      "<<-",
      "EOF",
      "\"",
      "'",
      "\\",
      "`",
      "#",
      "# escape=`",
      "# syntax=x",
      "=",
      " ",
      "\t",
      "\n",
      "\n",
      "\n",
      "\r\n",
      "\0",
      "é",
      "\uD800",
      "[",
      "]",
      "0",
      "1",
      "scratch",
      "V",
      "A"
    };
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int j = 0; j < length; j++) {
              text.append(tokens[random.nextInt(tokens.length)]);
            }
            analyzeOrReject(text.toString());
          }
        });
  }

  /** Analyses, accepting a syntax error; checks the invariants every result must keep. */
  private void analyzeOrReject(String content) {
    try {
      DockerfileAnalysis analysis = analyzer.analyze("Dockerfile", content, Map.of("A", "1"));
      assertThat(analysis.warnings()).hasSizeLessThanOrEqualTo(BaseImageCollector.MAX_WARNINGS + 1);
      Set<String> names = new HashSet<>();
      for (BaseImageReference image : analysis.baseImages()) {
        // Plain checks: some inputs yield tens of thousands of bases.
        if (image.name().length() > 63
            || !VALID_NAME.matcher(image.name()).matches()
            || !image.ref().startsWith(image.registry() + "/" + image.repository())
            || !names.add(image.name())) {
          throw new AssertionError("bad base image " + image);
        }
      }
    } catch (DockerfileSyntaxException e) {
      assertThat(e.getMessage()).startsWith("Dockerfile:" + e.line() + ": ");
      assertThat(e.getMessage().length()).isLessThan(1_000);
    }
  }
}
