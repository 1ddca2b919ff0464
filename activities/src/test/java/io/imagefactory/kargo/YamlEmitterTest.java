package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link YamlEmitter} against Jackson's writer, which it must reproduce byte for byte. */
class YamlEmitterTest {

  private static final String ALPHABET = "aZ09._/-:#,[]{}&*!|>'\"%@`?\\ =~+^$()<;\té\n";

  @Test
  void writesRandomStringsAsJacksonDoes() {
    Random random = new Random(7);
    int decided = 0;
    for (int i = 0; i < Integer.getInteger("emitter.rounds", 60_000); i++) {
      StringBuilder value = new StringBuilder();
      for (int n = 1 + random.nextInt(8); n > 0; n--) {
        value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = value.toString();
      if (text.indexOf('\n') < 0) {
        assertThat(YamlEmitter.scalar(text))
            .as("[%s]", text)
            .isEqualTo(ManifestYaml.scalarWithJackson(text));
        decided++;
      }
      assertSameDocument(document("v", text));
    }
    assertThat(decided).isGreaterThan(30_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "latest",
        "22-bookworm-slim",
        "1.27",
        "-1",
        "true",
        "True",
        "yes",
        "NO",
        "on",
        "null",
        "Null",
        "~",
        "2024-01-01",
        "2024-01-01T10:00:00Z",
        "1:20",
        "0o17",
        "0x1F",
        "1e3",
        ".5",
        ".inf",
        "^16-alpine$",
        "^\\d+-alpine$",
        "^sha256-[0-9a-f]{64}(\\.(sig|att|sbom))?$",
        "a: b",
        "a:b",
        "a #b",
        "a#b",
        "#a",
        "...",
        "---",
        "- a",
        "-a",
        "?a",
        ":a",
        "a:",
        "http://x.example:8080/p?q=1&r=%20#f",
        "Bearer ${{ secret('s').token }}",
        "a'b",
        "a\"b",
        "response.status >= 200 && response.status < 300",
        "10m",
        "1h30m",
        "30s",
        "y",
        "n",
        "=",
        "<<",
        "@a",
        "`a",
        "a\\b",
        "é",
        "",
        " a",
        "a "
      })
  void writesTrickyValuesAsJacksonDoes(String value) {
    assertThat(YamlEmitter.scalar(value)).isEqualTo(ManifestYaml.scalarWithJackson(value));
    assertSameDocument(document("value", value));
    assertSameDocument(document("list", List.of(value, value)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\n",
        "a\nb\n",
        "a\n  b\n",
        "a\nb",
        "a\n\nb\n",
        " a\n",
        "a \nb\n",
        "a\n\n",
        "\na\n",
        "é\n",
        "${{ quote({\n  \"a\": b\n}) }}\n",
        "a\tb\n"
      })
  void writesMultiLineTextAsJacksonDoes(String value) {
    assertSameDocument(document("body", value));
    assertSameDocument(document("spec", document("config", value)));
  }

  @Test
  void writesNestedMappingsAndSequencesAsJacksonDoes() {
    Map<String, Object> item = document("name", "repoURL");
    item.put("value", "docker.io/library/node");
    Map<String, Object> doc = document("apiVersion", "v1");
    doc.put("metadata", document("labels", document("app.kubernetes.io/managed-by", "x")));
    doc.put("steps", List.of(document("task", document("name", "t")), item));
    doc.put("vars", List.of(item, document("vars", List.of(item))));
    doc.put("empty", List.of());
    doc.put("none", Map.of());
    doc.put("count", 5);
    doc.put("on", true);
    doc.put("missing", null);
    doc.put("items", List.of(Map.of(), "a", 1, false));
    assertSameDocument(doc);
  }

  @Test
  void writesEveryGeneratedObjectAsJacksonDoes() {
    KargoObjects objects = new KargoObjects(KargoSettings.defaults());
    GeneratedState state = GeneratedState.of(300);
    List<Map<String, Object>> all =
        new ArrayList<>(
            objects.all(
                WatchPlan.of(state.images, state.bases), new NotifyTask(KargoSettings.defaults())));
    assertThat(ManifestYaml.write("# h\n", all)).isEqualTo(ManifestYaml.withJackson("# h\n", all));
  }

  @Test
  void writesTargetsAsTheirObjectsWouldBeWritten() {
    KargoSettings settings =
        new KargoSettings(
            "watch",
            "https://f.example.com/api",
            "t",
            "k",
            1,
            "1h30m",
            "5s",
            KargoSettings.DEFAULT_NEWEST_BUILD_INTERVAL,
            true,
            Map.of(),
            null);
    KargoSettings uncached =
        new KargoSettings(
            "watch",
            KargoSettings.DEFAULT_WEBHOOK_URL,
            "t",
            "k",
            3,
            "5m",
            "5s",
            "2h",
            false,
            Map.of("github", "gh"),
            null);
    for (KargoSettings each : List.of(KargoSettings.defaults(), settings, uncached)) {
      KargoObjects objects = new KargoObjects(each);
      TargetYaml text = new TargetYaml(each, objects);
      List<WatchTarget> targets =
          new ArrayList<>(
              WatchPlan.of(GeneratedState.of(200).images, GeneratedState.of(200).bases).targets());
      for (String odd : List.of("^a b$", "^1\\.17$", "é", "line\nbreak", "x\n", "22", "yes")) {
        targets.add(
            new WatchTarget(
                WatchKind.EXTERNAL,
                "x",
                "external-x",
                "docker.io/x",
                "Lexical",
                odd,
                List.of(odd),
                List.of(odd, "^v")));
      }
      for (WatchTarget target : targets) {
        StringBuilder written = new StringBuilder();
        text.append(written, target);
        assertThat(written.toString())
            .isEqualTo(
                ManifestYaml.withJackson(
                    "", List.of(objects.warehouse(target), objects.stage(target))));
      }
    }
  }

  private static Map<String, Object> document(String key, Object value) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put(key, value);
    return document;
  }

  private static void assertSameDocument(Map<String, Object> document) {
    assertThat(ManifestYaml.write("", List.of(document)))
        .as("%s", document)
        .isEqualTo(ManifestYaml.withJackson("", List.of(document)));
  }
}
