package io.imagefactory.dockerfile;

import static io.imagefactory.dockerfile.AnalysisRows.refs;
import static io.imagefactory.dockerfile.AnalysisRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per analysis rule of DESIGN.md §5, on small Dockerfiles written inline. */
class DockerfileAnalyzerTest {

  private static final String DIGEST =
      "sha256:0d4d4e9a0b2b7f6f8a4b1f1e1f4ce7d6a4c9b1e3a5b2c7d8e9f0a1b2c3d4e5f6";

  private final DockerfileAnalyzer analyzer = new DockerfileAnalyzer();

  private DockerfileAnalysis analyze(String content) throws DockerfileSyntaxException {
    return analyzer.analyze("Dockerfile", content, Map.of());
  }

  private DockerfileAnalysis analyze(String content, Map<String, String> buildArgs)
      throws DockerfileSyntaxException {
    return analyzer.analyze("Dockerfile", content, buildArgs);
  }

  @Test
  void findsTheImageOfEveryFrom() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM golang:1.23 AS build
        RUN go build ./...
        FROM alpine:3.20
        """);

    assertThat(rows(analysis))
        .containsExactly(
            "1 FROM build docker.io/library/golang:1.23 golang-1.23",
            "3 FROM 1 docker.io/library/alpine:3.20 alpine-3.20");
  }

  @Test
  void findsCopyFromImages() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM alpine:3.20
        COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv
        COPY --chown=1000 --from=busybox:1.36 /bin/busybox /bin/
        """);

    assertThat(rows(analysis))
        .containsExactly(
            "1 FROM 0 docker.io/library/alpine:3.20 alpine-3.20",
            "2 COPY 0 ghcr.io/astral-sh/uv:0.5 astral-sh-uv-0.5",
            "3 COPY 0 docker.io/library/busybox:1.36 busybox-1.36");
  }

  @Test
  void findsAddFromImages() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM alpine:3.20 AS final
        ADD --from=quay.io/prometheus/busybox:latest /bin/sh /bin/sh
        """);

    assertThat(rows(analysis))
        .containsExactly(
            "1 FROM final docker.io/library/alpine:3.20 alpine-3.20",
            "2 ADD final quay.io/prometheus/busybox:latest prometheus-busybox-latest");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--mount=from=node:22,source=/usr/local/bin/node,target=/node",
        "--mount=type=bind,from=node:22,target=/node",
        "--mount=target=/node,type=bind,source=/usr/local,from=node:22",
        "--mount=type=cache,target=/cache,from=node:22,sharing=locked",
        "--mount=\"type=bind\",\"from=node:22\",\"target=/node\"",
        "--mount=type=cache,target=/root/.npm --mount=readonly,from=node:22,target=/node"
      })
  void findsRunMountFromImagesWhateverTheOptionOrder(String mount) throws Exception {
    DockerfileAnalysis analysis = analyze("FROM alpine:3.20\nRUN " + mount + " ls /node\n");

    assertThat(rows(analysis))
        .containsExactly(
            "1 FROM 0 docker.io/library/alpine:3.20 alpine-3.20",
            "2 RUN 0 docker.io/library/node:22 node-22");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "type=tmpfs,target=/tmp,from=node:22",
        "type=secret,id=x,from=node:22",
        "type=cache,target=/cache",
        "type=bind,target=/src"
      })
  void ignoresMountsThatReadNoImage(String mount) throws Exception {
    DockerfileAnalysis analysis = analyze("FROM alpine:3.20\nRUN --mount=" + mount + " true\n");

    assertThat(refs(analysis)).containsExactly("docker.io/library/alpine:3.20");
  }

  @Test
  void leavesOutEarlierStagesNamedInAnyCase() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM node:22 AS Deps
        FROM deps AS build
        COPY --from=DEPS /app /app
        RUN --mount=from=Build,target=/b true
        FROM BUILD
        """);

    assertThat(rows(analysis)).containsExactly("1 FROM deps docker.io/library/node:22 node-22");
  }

  @Test
  void treatsALaterStageNameInFromAsAnImage() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM tools AS build
        FROM alpine:3.20 AS tools
        """);

    assertThat(refs(analysis))
        .containsExactly("docker.io/library/tools:latest", "docker.io/library/alpine:3.20");
  }

  @Test
  void leavesOutStageIndexes() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM golang:1.23
        FROM alpine:3.20
        COPY --from=0 /go/bin/app /app
        ADD --from=1 /etc/os-release /tmp/
        """);

    assertThat(refs(analysis))
        .containsExactly("docker.io/library/golang:1.23", "docker.io/library/alpine:3.20");
    assertThat(analysis.warnings()).isEmpty();
  }

  @Test
  void warnsAboutAStageIndexThatDoesNotExist() throws Exception {
    DockerfileAnalysis analysis =
        analyze("FROM alpine:3.20\nCOPY --from=3 /a /a\nCOPY --from=12345678901234 /b /b\n");

    assertThat(refs(analysis)).containsExactly("docker.io/library/alpine:3.20");
    assertThat(analysis.warnings())
        .containsExactly(
            "Dockerfile:2: COPY image \"3\" skipped: there is no stage with that index",
            "Dockerfile:3: COPY image \"12345678901234\" skipped: there is no stage with that "
                + "index");
  }

  @Test
  void leavesOutScratch() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM scratch AS empty
        FROM scratch
        COPY --from=scratch / /
        ADD app /app
        """);

    assertThat(analysis.baseImages()).isEmpty();
    assertThat(analysis.warnings()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ARG V=22                | FROM node:$V                | docker.io/library/node:22",
        "ARG V=22                | FROM node:${V}              | docker.io/library/node:22",
        "ARG V=22                | FROM \"node:${V}\"          | docker.io/library/node:22",
        "ARG V                   | FROM node:${V:-20}          | docker.io/library/node:20",
        "ARG V=                  | FROM node:${V:-20}          | docker.io/library/node:20",
        "ARG V=22                | FROM node:${V:-20}          | docker.io/library/node:22",
        "ARG V=x                 | FROM node:22${V:+-alpine}   | docker.io/library/node:22-alpine",
        "ARG V                   | FROM node:22${V:+-alpine}   | docker.io/library/node:22",
        "ARG V=                  | FROM node${V-:20}           | docker.io/library/node:latest",
        "ARG V                   | FROM node${V-:20}           | docker.io/library/node:20",
        "ARG V=                  | FROM node:22${V+-slim}      | docker.io/library/node:22-slim",
        "ARG R=ghcr.io T=1.2     | FROM ${R}/acme/base:${T}    | ghcr.io/acme/base:1.2",
        "ARG A=22 B=node:${A}    | FROM $B                     | docker.io/library/node:22",
        "ARG V                   | FROM node:${V:-${W:-18}}    | docker.io/library/node:18"
      })
  void substitutesGlobalArgs(String arg, String from, String expected) throws Exception {
    DockerfileAnalysis analysis = analyze(arg + "\n" + from + "\n");

    assertThat(refs(analysis)).containsExactly(expected);
    assertThat(analysis.warnings()).isEmpty();
  }

  @Test
  void buildArgsOverrideGlobalArgDefaults() throws Exception {
    String dockerfile =
        """
        ARG GO_VERSION=1.22
        ARG BASE=golang:${GO_VERSION}
        FROM ${BASE}-bookworm
        """;

    assertThat(refs(analyze(dockerfile, Map.of("GO_VERSION", "1.23"))))
        .containsExactly("docker.io/library/golang:1.23-bookworm");
    assertThat(refs(analyze(dockerfile, Map.of("BASE", "golang:1.21"))))
        .containsExactly("docker.io/library/golang:1.21-bookworm");
    assertThat(refs(analyze(dockerfile, Map.of())))
        .containsExactly("docker.io/library/golang:1.22-bookworm");
  }

  @Test
  void ignoresBuildArgsThatNoGlobalArgDeclares() throws Exception {
    DockerfileAnalysis analysis = analyze("FROM node:${V:-22}\n", Map.of("V", "18"));

    assertThat(refs(analysis)).containsExactly("docker.io/library/node:22");
  }

  @Test
  void stageArgsDoNotAffectLaterFromLines() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        ARG VERSION=22
        FROM node:${VERSION} AS build
        ARG VERSION=18
        ENV VERSION=16
        FROM node:${VERSION}-slim
        """);

    assertThat(refs(analysis))
        .containsExactly("docker.io/library/node:22", "docker.io/library/node:22-slim");
  }

  @Test
  void aGlobalArgWithoutValueLeavesTheReferenceUnresolved() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        ARG GO_VERSION
        FROM golang:${GO_VERSION}-alpine AS build
        FROM alpine:3.20
        """);

    assertThat(refs(analysis)).containsExactly("docker.io/library/alpine:3.20");
    assertThat(analysis.warnings())
        .containsExactly(
            "Dockerfile:2: FROM image \"golang:${GO_VERSION}-alpine\" skipped:"
                + " ARG GO_VERSION has no default and no build arg sets it");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "FROM $NOPE                 | NOPE is not a global ARG (declare it before the first FROM)",
        "FROM app-${TARGETARCH}     | TARGETARCH depends on the build platform; pass it as a build arg",
        "FROM ${EMPTY}              | it is empty after ARG substitution",
        "FROM ${V:?set-V}           | V: set-V",
        "FROM ${V                   | missing '}'",
        "FROM ${V^^}                | unsupported modifier (^) in substitution",
        "FROM ${V:/a/b}             | unsupported modifier (:/) in substitution",
        "FROM ${V#\\x}              | invalid pattern (\\x) in substitution: invalid escape",
        "FROM 'node                 | unterminated single quote",
        "FROM Node:22               | invalid image reference: repository name library/Node must be lower-case",
        "FROM node:22@sha256:abc    | invalid image reference: invalid digest sha256:abc"
      })
  void unresolvableReferencesBecomeWarningsNamingFileLineAndReference(String from, String reason)
      throws Exception {
    DockerfileAnalysis analysis = analyze("ARG EMPTY=\nFROM alpine:3.20\n" + from + "\n");

    assertThat(refs(analysis)).containsExactly("docker.io/library/alpine:3.20");
    String raw = from.substring("FROM ".length());
    assertThat(analysis.warnings())
        .containsExactly("Dockerfile:3: FROM image \"" + raw + "\" skipped: " + reason);
  }

  @Test
  void warnsWhenAnArgMakesAnInvalidReference() throws Exception {
    DockerfileAnalysis analysis = analyze("ARG TAG=1+2 OTHER=x\nFROM node:${TAG}\n");

    assertThat(analysis.baseImages()).isEmpty();
    assertThat(analysis.warnings())
        .containsExactly(
            "Dockerfile:2: FROM image \"node:${TAG}\" skipped: invalid image reference"
                + " (node:1+2 after ARG substitution): invalid tag 1+2");
  }

  @Test
  void warnsAboutVariablesInCopyAndMountFrom() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        ARG IMAGE=node:22
        FROM alpine:3.20
        COPY --from=$IMAGE /a /a
        RUN --mount=from=${IMAGE},target=/n true
        """);

    assertThat(refs(analysis)).containsExactly("docker.io/library/alpine:3.20");
    assertThat(analysis.warnings())
        .containsExactly(
            "Dockerfile:3: COPY image \"$IMAGE\" skipped: BuildKit does not expand variables in"
                + " from; define a stage with FROM and a global ARG instead",
            "Dockerfile:4: RUN image \"${IMAGE}\" skipped: BuildKit does not expand variables in"
                + " from; define a stage with FROM and a global ARG instead");
  }

  @Test
  void ignoresPlatformFlags() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM --platform=$BUILDPLATFORM golang:1.23 AS build
        FROM --platform=linux/arm64 alpine:3.20 AS arm
        FROM --platform="${TARGETPLATFORM}" debian:12
        """);

    assertThat(rows(analysis))
        .containsExactly(
            "1 FROM build docker.io/library/golang:1.23 golang-1.23",
            "2 FROM arm docker.io/library/alpine:3.20 alpine-3.20",
            "3 FROM 2 docker.io/library/debian:12 debian-12");
    assertThat(analysis.warnings()).isEmpty();
  }

  @Test
  void namesStagesByLowerCaseAliasOrByIndex() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM golang:1.23 as Build
        FROM debian:12
        FROM alpine:3.20 AS final
        COPY --from=busybox:1.36 /bin/sh /bin/sh
        """);

    assertThat(analysis.baseImages())
        .extracting(BaseImageReference::stage)
        .containsExactly("build", "1", "final", "final");
  }

  @Test
  void honoursTheBacktickEscapeDirective() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        # escape=`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
        WORKDIR C:\\app\\
        RUN dir `
            C:\\app
        FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
        """);

    assertThat(rows(analysis))
        .containsExactly(
            "2 FROM build mcr.microsoft.com/windows/servercore:ltsc2022 "
                + "windows-servercore-ltsc2022",
            "6 FROM 1 mcr.microsoft.com/windows/nanoserver:ltsc2022 windows-nanoserver-ltsc2022");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "FROM alpine:3.20\n# escape=`\n",
        "# a comment\n# escape=`\n",
        "\n# escape=`\n",
        "# syntax=docker/dockerfile:1\n# unknown=x\n# escape=`\n"
      })
  void readsParserDirectivesOnlyAtTheTop(String head) throws Exception {
    // With the default backslash escape, the WORKDIR line continues onto the FROM line.
    DockerfileAnalysis analysis =
        analyze(head + "FROM debian:12\nWORKDIR C:\\app\\\nFROM node:22\n");

    assertThat(refs(analysis)).doesNotContain("docker.io/library/node:22");
  }

  @Test
  void acceptsSyntaxAndEscapeDirectivesTogether() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            "# syntax=docker/dockerfile:1\n#escape = `\nFROM debian:12\nWORKDIR C:\\app\\\nFROM "
                + "node:22\n");

    assertThat(refs(analysis))
        .containsExactly("docker.io/library/debian:12", "docker.io/library/node:22");
  }

  @Test
  void joinsContinuationLinesAcrossCommentsAndBlankLines() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM \\
          # the builder image
          golang:1.23 \\

          AS build
        RUN echo one \\
        # FROM commented:1
            two
        COPY \\
           --from=busybox:1.36 \\
           /bin/sh /sh
        """);

    assertThat(rows(analysis))
        .containsExactly(
            "1 FROM build docker.io/library/golang:1.23 golang-1.23",
            "9 COPY build docker.io/library/busybox:1.36 busybox-1.36");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RUN <<EOF\nFROM node:18\nEOF\n",
        "RUN <<-EOF\n\tFROM node:18\n\tEOF\n",
        "RUN <<\"EOF\"\nFROM node:18\nEOF\n",
        "RUN <<'EOF' bash\nFROM node:18\nEOF\n",
        "RUN 3<<EOF cat /dev/fd/3\nFROM node:18\nEOF\n",
        "RUN <<A cat > /a && <<B cat > /b\nFROM node:18\nA\nFROM node:16\nB\n",
        "COPY <<EOF /etc/file\nFROM node:18\nEOF\n",
        "COPY <<one <<two /dst/\nFROM node:18\none\nFROM node:16\ntwo\n",
        "ADD --chmod=644 <<EOF /etc/file\nFROM node:18\nEOF\n",
        "ONBUILD RUN <<EOF\nFROM node:18\nEOF\n"
      })
  void linesInsideHeredocsAreNotInstructions(String heredoc) throws Exception {
    DockerfileAnalysis analysis = analyze("FROM alpine:3.20 AS a\n" + heredoc + "FROM debian:12\n");

    assertThat(analysis.baseImages())
        .extracting(BaseImageReference::ref, BaseImageReference::stage)
        .containsExactly(
            tuple("docker.io/library/alpine:3.20", "a"), tuple("docker.io/library/debian:12", "1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RUN echo \"<<EOF\"\n",
        "RUN cat <<<EOF\n",
        "RUN [\"sh\", \"-c\", \"cat <<EOF\"]\n",
        "CMD cat <<EOF\n",
        "RUN echo a<<EOF\n"
      })
  void textThatOnlyLooksLikeAHeredocOpensNone(String line) throws Exception {
    DockerfileAnalysis analysis = analyze("FROM alpine:3.20\n" + line + "FROM debian:12\n");

    assertThat(refs(analysis))
        .containsExactly("docker.io/library/alpine:3.20", "docker.io/library/debian:12");
  }

  @Test
  void keywordsAreCaseInsensitive() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        arg V=22
        from node:${V} As build
        Copy --from=busybox:1.36 /a /a
        rUn --mount=from=alpine:3.20,target=/x true
        From build
        """);

    assertThat(rows(analysis))
        .containsExactly(
            "2 FROM build docker.io/library/node:22 node-22",
            "3 COPY build docker.io/library/busybox:1.36 busybox-1.36",
            "4 RUN build docker.io/library/alpine:3.20 alpine-3.20");
  }

  @Test
  void jsonFormInstructionsDoNotBreakParsing() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM python:3.12-slim
        RUN ["pip", "install", "--no-cache-dir", "uv"]
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
        ENTRYPOINT ["python", "-m", "app", "FROM x"]
        CMD [ "--port", "8080" ]
        FROM nginx:1.27
        """);

    assertThat(refs(analysis))
        .containsExactly("docker.io/library/python:3.12-slim", "docker.io/library/nginx:1.27");
  }

  @Test
  void expandsARedeclaredArgWithItsEarlierValue() throws Exception {
    DockerfileAnalysis analysis = analyze("ARG V=1.23\nARG V=${V}.4\nFROM golang:$V\n");

    assertThat(refs(analysis)).containsExactly("docker.io/library/golang:1.23.4");
  }

  @Test
  void reportsTheFailureAnArgChainIsBuiltOn() throws Exception {
    DockerfileAnalysis analysis =
        analyze("ARG A=xxxxxxxx\n" + "ARG A=$A$A$A$A\n".repeat(40) + "FROM alpine\nFROM node:$A\n");

    assertThat(analysis.warnings())
        .singleElement()
        .asString()
        .endsWith(
            "skipped: the default of ARG A cannot be expanded: ARG values expand to more than"
                + " 8388608 characters");
  }

  @Test
  void expandsPatternModifiersInFrom() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            "ARG GO=1.23.4\nARG REF=docker.io/library/node:22-slim\n"
                + "FROM golang:${GO%.*}\nFROM ${REF%%:*}:${REF##*:}\nFROM python:${GO/1/3}\n");

    assertThat(refs(analysis))
        .containsExactly(
            "docker.io/library/golang:1.23",
            "docker.io/library/node:22-slim",
            "docker.io/library/python:3.23.4");
    assertThat(analysis.warnings()).isEmpty();
  }

  @Test
  void readsAFromOfPlatformArgsThatNamesStagesAsAStage() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            "ARG TARGETOS\nFROM golang:1.23 AS build-linux\nFROM golang:1.23 AS build-windows\n"
                + "FROM build-${TARGETOS}\nFROM build-${TARGETOS}${TARGETVARIANT}\n");

    assertThat(refs(analysis)).containsExactly("docker.io/library/golang:1.23");
    assertThat(analysis.warnings()).isEmpty();
  }

  @Test
  void warnsOfAFromOfPlatformArgsThatNamesNoStage() throws Exception {
    DockerfileAnalysis analysis =
        analyze("FROM golang:1.23 AS build-linux\nFROM app-${TARGETOS}\nFROM build-$NOPE\n");

    assertThat(analysis.warnings())
        .containsExactly(
            "Dockerfile:2: FROM image \"app-${TARGETOS}\" skipped: TARGETOS depends on the build"
                + " platform; pass it as a build arg",
            "Dockerfile:3: FROM image \"build-$NOPE\" skipped: NOPE is not a global ARG (declare it"
                + " before the first FROM)");
  }

  @Test
  void quotesControlCharactersInWarnings() throws Exception {
    DockerfileAnalysis analysis = analyze("FROM alpine\nFROM \u001b[2Jevil\u0007$X\n");

    assertThat(analysis.warnings())
        .singleElement()
        .asString()
        .contains("\\u001b[2Jevil\\u0007$X")
        .doesNotContain("\u001b", "\u0007");
  }

  @Test
  void warnsOfADuplicateStageNameAndReadsLaterReferencesAsTheStage() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            "FROM golang:1.23 AS build\nFROM rust:1.80 AS Build\nFROM build\n"
                + "COPY --from=build /x /x\n");

    assertThat(refs(analysis))
        .containsExactly("docker.io/library/golang:1.23", "docker.io/library/rust:1.80");
    assertThat(analysis.warnings())
        .containsExactly(
            "Dockerfile:2: duplicate stage name build (first defined on line 1): stage names "
                + "should be"
                + " unique; BuildKit takes a reference to the latest");
  }

  @Test
  void reportsNormalisedReferenceParts() throws Exception {
    DockerfileAnalysis analysis = analyze("FROM localhost:5000/team/app:1.0@" + DIGEST + "\n");

    BaseImageReference image = analysis.baseImages().get(0);
    assertThat(image.ref()).isEqualTo("localhost:5000/team/app:1.0@" + DIGEST);
    assertThat(image.registry()).isEqualTo("localhost:5000");
    assertThat(image.repository()).isEqualTo("team/app");
    assertThat(image.tag()).isEqualTo("1.0");
    assertThat(image.digest()).isEqualTo(DIGEST);
    assertThat(image.pinned()).isTrue();
  }

  @Test
  void isPinnedOnlyWhenADigestIsPresent() throws Exception {
    DockerfileAnalysis analysis =
        analyze("FROM node:22@" + DIGEST + "\nFROM node@" + DIGEST + "\nFROM node:22\n");

    assertThat(rows(analysis))
        .containsExactly(
            "1 FROM 0 docker.io/library/node:22@"
                + DIGEST
                + " "
                + BaseImageNames.withHashSuffix("node-22", "docker.io/library/node:22@" + DIGEST)
                + " pinned",
            "2 FROM 1 docker.io/library/node@" + DIGEST + " node-sha256-0d4d4e9a0b2b pinned",
            "3 FROM 2 docker.io/library/node:22 node-22");
    assertThat(analysis.baseImages().get(1).tag()).isNull();
  }

  @Test
  void listsEachBaseOnceInOrderOfFirstAppearance() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM node:22 AS deps
        FROM index.docker.io/library/node:22 AS build
        COPY --from=docker.io/node:22 /a /a
        FROM alpine:3.20
        COPY --from=node /usr/local/bin/node /bin/
        RUN --mount=from=alpine:3.20,target=/x true
        """);

    assertThat(rows(analysis))
        .containsExactly(
            "1 FROM deps docker.io/library/node:22 node-22",
            "4 FROM 2 docker.io/library/alpine:3.20 alpine-3.20",
            "5 COPY 2 docker.io/library/node:latest node-latest");
  }

  @Test
  void givesEveryReferenceInOneDockerfileItsOwnName() throws Exception {
    DockerfileAnalysis analysis =
        analyze(
            """
        FROM quay.io/node:22 AS a
        FROM node:22 AS b
        FROM ghcr.io/library/node:22
        """);

    assertThat(analysis.baseImages())
        .extracting(BaseImageReference::name)
        .doesNotHaveDuplicates()
        .contains("node-22", "library-node-22");
    BaseImageReference dockerHub = analysis.baseImages().get(1);
    assertThat(dockerHub.name()).isEqualTo("node-22");
    assertThat(analysis.baseImages().get(0).name())
        .isEqualTo(BaseImageNames.withHashSuffix("node-22", "quay.io/node:22"));
  }

  @Test
  void treatsNullBuildArgsAsNone() throws Exception {
    DockerfileAnalysis analysis = analyzer.analyze("Dockerfile", "ARG V=1\nFROM app:$V\n", null);

    assertThat(refs(analysis)).containsExactly("docker.io/library/app:1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                   | 0 | the Dockerfile has no instructions",
        "'# only a comment\n\n   \n'          | 0 | the Dockerfile has no instructions",
        "'ARG A=1\nARG B=2\n'                 | 0 | no FROM instruction: the Dockerfile has no build stage",
        "'FROM\n'                             | 1 | FROM requires an image",
        "'# c\nFROM   \nRUN x\n'              | 2 | FROM requires an image",
        "'FROM a b\n'                         | 1 | FROM takes an image and optionally AS <name>: FROM a b",
        "'FROM a AS\n'                        | 1 | FROM takes an image and optionally AS <name>: FROM a AS",
        "'FROM a IS b\n'                      | 1 | FROM takes an image and optionally AS <name>: FROM a IS b",
        "'FROM a AS 1st\n'                    | 1 | invalid stage name 1st: it must start with a letter and use only letters, digits, '-', '_' and '.'",
        "'FROM a\nRUNN make\n'                | 2 | unknown instruction: RUNN (did you mean RUN?)",
        "'FROM a\nFROBNICATE --from=x y\n'    | 2 | unknown instruction: FROBNICATE",
        "'FROM a\nONBUILD RUNN x\n'           | 2 | unknown instruction: RUNN (did you mean RUN?)",
        "'FROM a\nONBUILD ONBUILD RUN x\n'    | 2 | Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        "'FROM a\nONBUILD FROM b\n'           | 2 | FROM isn't allowed as an ONBUILD trigger",
        "'FROM a\nENV PATH\n'                 | 2 | ENV must have two arguments",
        "'FROM a\nENV\n'                      | 2 | ENV requires at least one argument",
        "'FROM a\nENV A=1 B\n'                | 2 | Syntax error - can't find = in \"B\". Must be of the form: name=value",
        "'FROM a\nLABEL team\n'               | 2 | LABEL must have two arguments",
        "'ARG A=1\nRUN echo\nFROM alpine\n'   | 2 | RUN instruction before the first FROM (only ARG may come before it)",
        "'LABEL a=b\nFROM alpine\n'           | 1 | LABEL instruction before the first FROM (only ARG may come before it)",
        "'FROM alpine\nRUN <<EOF\necho\n'     | 2 | unterminated heredoc: no line EOF closes it",
        "'# escape=x\nFROM alpine\n'          | 1 | invalid escape token 'x' does not match ` or \\",
        "'# escape=`\n# escape=\\\nFROM a\n'  | 2 | only one escape parser directive can be used"
      })
  void rejectsInvalidDockerfilesWithFileAndLine(String content, int line, String message) {
    String dockerfile = content.replace("\\n", "\n");

    assertThatThrownBy(() -> analyzer.analyze("app/Dockerfile", dockerfile, Map.of()))
        .isInstanceOfSatisfying(
            DockerfileSyntaxException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("app/Dockerfile:" + line + ": " + message);
              assertThat(e.file()).isEqualTo("app/Dockerfile");
              assertThat(e.line()).isEqualTo(line);
            });
  }

  @Test
  void keepsTheCallersBuildArgsUntouched() throws Exception {
    Map<String, String> buildArgs = new HashMap<>(Map.of("V", "1"));

    analyze("ARG V\nARG W=2\nFROM app:$V\n", buildArgs);

    assertThat(buildArgs).isEqualTo(Map.of("V", "1"));
  }

  @Test
  void readsAFileWithoutTrailingNewline() throws Exception {
    DockerfileAnalysis analysis = analyze("FROM busybox");

    assertThat(rows(analysis))
        .containsExactly("1 FROM 0 docker.io/library/busybox:latest busybox-latest");
    assertThat(analysis.warnings()).isEmpty();
  }
}
