package io.imagefactory.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.hostile.HostileCases.Case;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile {@code images.yaml} of the corpus ({@code hostile/images-yaml/}) and the large ones
 * generated here go through the loader {@code enroll} and {@code plan} use: each is accepted or
 * refused as expected, with an error naming the file, the entry and the field, no raw control
 * character in any message, and quickly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileCatalogTest {

  static List<Case> corpus() {
    return HostileCases.of("images-yaml", ".yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void loadsOrRefusesEachCaseAsExpected(Case hostile) {
    String outcome = outcome(hostile.content());

    HostileCases.assertPrintable(outcome);
    if (hostile.expected().equals("ok")) {
      assertThat(outcome).isEqualTo("ok");
    } else {
      assertThat(outcome).startsWith("images.yaml").contains(hostile.expected());
    }
  }

  static Stream<Arguments> generated() {
    return Stream.<Arguments>of(
        generated(
            "a 50 MB file",
            () -> ("# " + "x".repeat(1022) + "\n").repeat(50 * 1024),
            "images.yaml: is larger than 4 MiB"),
        generated(
            "a file just over the limit",
            () -> "#" + "x".repeat(CatalogLoader.MAX_BYTES),
            "images.yaml: is larger than 4 MiB"),
        generated(
            "10,000-deep nesting",
            () -> "images: " + "[".repeat(10_000) + "]".repeat(10_000),
            "nested deeper than 32 levels"),
        generated(
            "10,000-deep mappings",
            () -> "images: " + "{a: ".repeat(10_000) + "}".repeat(10_000),
            "nested deeper than 32 levels"),
        generated(
            "a 10,000-character name",
            () -> entry("a".repeat(10_000)),
            "field 'name': \"" + "a".repeat(60) + "...\" is longer than 63 characters"),
        generated(
            "a 10,000-character registry",
            () ->
                "images:\n  - name: api\n    registry: "
                    + "a".repeat(10_000)
                    + ".io\n    repository: library/x\n",
            "field 'registry'"),
        generated("10,000 valid entries", HostileCatalogTest::manyEntries, "ok"),
        generated(
            "10,000 duplicate names",
            () ->
                "images:\n"
                    + "  - {name: api, registry: docker.io, repository: library/x}\n"
                        .repeat(10_000),
            "more errors left out after the first 200"),
        generated(
            "a million-element flow list",
            () -> "images: [" + "1,".repeat(1_000_000) + "]",
            "the document has more than 1000000 values"),
        generated(
            "one 3 MB line", () -> "images: []\n# " + "\u001b".repeat(3_000_000), "invalid YAML"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  void loadsOrRefusesEachGeneratedCaseAsExpected(
      String name, Supplier<String> content, String expected) {
    String outcome = outcome(content.get().getBytes(StandardCharsets.UTF_8));

    HostileCases.assertPrintable(outcome);
    assertThat(outcome.length()).isLessThan(50_000);
    if (expected.equals("ok")) {
      assertThat(outcome).isEqualTo("ok");
    } else {
      assertThat(outcome).startsWith("images.yaml").contains(expected);
    }
  }

  /** {@code ok}, or the loader's message: every problem, one a line. */
  private static String outcome(byte[] content) {
    try {
      new CatalogLoader().parse("images.yaml", content);
      return "ok";
    } catch (CatalogException e) {
      assertThat(e.errors()).isNotEmpty();
      return e.getMessage();
    }
  }

  private static Arguments generated(String name, Supplier<String> content, String expected) {
    return Arguments.of(name, content, expected);
  }

  private static String entry(String name) {
    return "images:\n  - name: " + name + "\n    registry: docker.io\n    repository: library/x\n";
  }

  private static String manyEntries() {
    StringBuilder text = new StringBuilder("images:\n");
    for (int i = 0; i < 10_000; i++) {
      text.append("  - {name: pg-")
          .append(i)
          .append(", registry: docker.io, repository: library/pg-")
          .append(i)
          .append("}\n");
    }
    return text.toString();
  }
}
