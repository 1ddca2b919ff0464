package io.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileParserTest {

  private final DockerfileParser parser = new DockerfileParser("Dockerfile");

  private List<String> summary(String content) throws DockerfileSyntaxException {
    return parser.parse(content).instructions().stream()
        .map(i -> i.line() + " " + i.keyword() + " " + i.flags() + " " + i.arguments())
        .toList();
  }

  @Test
  void numbersEachInstructionByTheLineItStartsOn() throws Exception {
    assertThat(
            summary(
                """
        # syntax=docker/dockerfile:1

        FROM alpine:3.20 AS base
        RUN apk add \\
              # a comment inside the continuation
              curl \\

              git
            USER app
        """))
        .containsExactly(
            "3 FROM [] alpine:3.20 AS base",
            "4 RUN [] apk add       curl       git",
            "9 USER [] app");
  }

  @Test
  void separatesFlagsFromArguments() throws Exception {
    assertThat(
            summary(
                """
        FROM --platform=$BUILDPLATFORM golang AS build
        COPY --chown=1000:1000 --from="build" --link /a /b
        RUN --mount=type=cache,target=/x -- --not-a-flag
        """))
        .containsExactly(
            "1 FROM [platform=$BUILDPLATFORM] golang AS build",
            "2 COPY [chown=1000:1000, from=build, link] /a /b",
            "3 RUN [mount=type=cache,target=/x] --not-a-flag");
  }

  @Test
  void skipsHeredocBodies() throws Exception {
    assertThat(
            summary(
                """
        FROM alpine
        RUN <<EOF cat > /a && <<-'TWO' cat > /b
        FROM inside
        EOF
        \t\tFROM inside-too
        \tTWO
        COPY <<EOF /x
        EOF
        USER app
        """))
        .containsExactly(
            "1 FROM [] alpine",
            "2 RUN [] <<EOF cat > /a && <<-'TWO' cat > /b",
            "7 COPY [] <<EOF /x",
            "9 USER [] app");
  }

  @Test
  void readsHeredocsOpenedOnAContinuedLine() throws Exception {
    assertThat(summary("FROM alpine\nRUN \\\n  <<EOF sh\nFROM inside\nEOF\nUSER app\n"))
        .extracting(line -> line.substring(0, line.indexOf(' ', 2)))
        .containsExactly("1 FROM", "2 RUN", "6 USER");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\n"})
  void acceptsWindowsAndUnixLineEndings(String newline) throws Exception {
    String content = String.join(newline, "FROM alpine AS a", "RUN echo \\", "  b", "USER x", "");

    assertThat(summary(content))
        .containsExactly("1 FROM [] alpine AS a", "2 RUN [] echo   b", "4 USER [] x");
  }

  @Test
  void dropsAByteOrderMark() throws Exception {
    assertThat(summary("\uFEFFFROM alpine\n")).containsExactly("1 FROM [] alpine");
  }

  @Test
  void keepsTheLastInstructionWhenTheFileEndsInsideAContinuation() throws Exception {
    assertThat(summary("FROM alpine\nRUN echo \\"))
        .containsExactly("1 FROM [] alpine", "2 RUN [] echo");
  }

  @Test
  void usesTheEscapeCharacterOfTheDirective() throws Exception {
    ParsedDockerfile parsed = parser.parse("# escape=`\nFROM a\nRUN dir `\n  C:\\\nUSER x\n");

    assertThat(parsed.escape()).isEqualTo('`');
    assertThat(parsed.instructions()).extracting(Instruction::line).containsExactly(2, 3, 5);
  }
}
