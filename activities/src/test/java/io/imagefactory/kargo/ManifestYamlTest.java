package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestYamlTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          22-bookworm-slim | 22-bookworm-slim
          1.27             | "1.27"
          -1               | "-1"
          true             | "true"
          yes              | "yes"
          on               | "on"
          2024-01-01       | "2024-01-01"
          1:20             | "1:20"
          0o17             | "0o17"
          latest           | latest
          ^16-alpine$      | ^16-alpine$
          """)
  void writesValuesThatYaml11WouldRetypeAsQuotedStrings(String value, String written) {
    String yaml = ManifestYaml.write("", List.of(Map.of("v", value)));

    assertThat(yaml).isEqualTo("---\nv: " + written + "\n");
  }

  @ParameterizedTest(name = "{0} documents")
  @CsvSource({"1", "3"})
  void writesTheHeaderThenOneDocumentPerObject(int count) {
    List<Map<String, Object>> objects =
        java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> Map.<String, Object>of("kind", "K" + i))
            .toList();

    String yaml = ManifestYaml.write("# header\n", objects);

    assertThat(yaml).startsWith("# header\n---\nkind: K0\n");
    assertThat(yaml.split("\n---\n", -1)).hasSize(1 + count);
    assertThat(ManifestDocuments.parse(yaml)).hasSize(count);
  }
}
