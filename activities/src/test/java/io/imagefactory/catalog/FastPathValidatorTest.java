package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.statefiles.FastPathSetting;
import io.imagefactory.vulnerability.FastPathPolicy;
import io.imagefactory.vulnerability.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fastPath} in {@code images.yaml}: its shapes, the default, and every refusal. */
class FastPathValidatorTest {

  private final CatalogLoader loader = new CatalogLoader();

  @Test
  void anEntryTakesTheFileDefaultUnlessItSaysOtherwiseAndNoSettingIsTheBuiltInDefault()
      throws Exception {
    Catalog catalog =
        parse(
            """
            defaults:
              fastPath: {severity: high, delay: 4h}
            images:
              - name: api
                registry: ghcr.io
                repository: acme/api
                source: {dockerfile: Dockerfile}
              - name: web
                registry: ghcr.io
                repository: acme/web
                source: {dockerfile: Dockerfile}
                fastPath: off
              - name: worker
                registry: ghcr.io
                repository: acme/worker
                source: {dockerfile: Dockerfile}
                fastPath: {}
            """);

    assertThat(catalog.find("api").orElseThrow().fastPath())
        .isEqualTo(new FastPathSetting(false, Severity.HIGH, "4h"));
    assertThat(catalog.find("web").orElseThrow().fastPath()).isEqualTo(FastPathSetting.OFF);
    assertThat(FastPathDelay.policyOf(catalog.find("web").orElseThrow().enrollment().fastPath()))
        .isNull();
    assertThat(FastPathDelay.policyOf(catalog.find("api").orElseThrow().enrollment().fastPath()))
        .isEqualTo(new FastPathPolicy(Severity.HIGH, Duration.ofHours(4)));
    assertThat(FastPathDelay.policyOf(catalog.find("worker").orElseThrow().fastPath()))
        .isEqualTo(FastPathPolicy.DEFAULT);
  }

  @Test
  void withoutAnyFastPathTheEnrollmentBlockStaysAsBefore() throws Exception {
    Catalog catalog =
        parse(
            """
            images:
              - name: api
                registry: ghcr.io
                repository: acme/api
                source: {dockerfile: Dockerfile}
            """);

    ImageEntry api = catalog.find("api").orElseThrow();
    assertThat(api.enrollment().fastPath()).isNull();
    assertThat(FastPathDelay.policyOf(api.enrollment().fastPath()))
        .isEqualTo(new FastPathPolicy(Severity.CRITICAL, Duration.ZERO));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{severity: urgent}| field 'fastPath.severity': \"urgent\" is not a severity; write one of"
            + " [UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL]",
        "{delay: soon}| field 'fastPath.delay': \"soon\" is not a delay; write 0s, 30s, 90m, 4h, 1d"
            + " or an ISO-8601 duration such as PT4H",
        "{severity: CRITICAL, wait: 0s}| field 'fastPath.wait': unknown field",
        "on| field 'fastPath': expected a mapping {severity: CRITICAL, delay: 0s} or 'off', got"
            + " \"on\"",
        "[CRITICAL]| field 'fastPath': expected a mapping {severity: CRITICAL, delay: 0s} or 'off'",
      })
  void refusesABadFastPathNamingTheEntryAndField(String fastPath, String message) {
    String file =
        """
        images:
          - name: api
            registry: ghcr.io
            repository: acme/api
            source: {dockerfile: Dockerfile}
            fastPath: %s
        """
            .formatted(fastPath);
    assertThatThrownBy(() -> parse(file))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e ->
                assertThat(e.errors())
                    .extracting(CatalogError::toString)
                    .anySatisfy(
                        error ->
                            assertThat(error)
                                .startsWith("images.yaml:6:")
                                .contains("image 'api': " + message.strip())));
  }

  @Test
  void anExternalImageHasNoFastPathOfItsOwnAndTheDefaultIsCheckedToo() {
    String file =
        """
        defaults:
          fastPath: {severity: CRITICAL, delay: -1h}
        images:
          - name: redis
            registry: docker.io
            repository: library/redis
            fastPath: off
        """;
    assertThatThrownBy(() -> parse(file))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e ->
                assertThat(e.errors())
                    .extracting(CatalogError::toString)
                    .containsExactly(
                        "images.yaml:2:34: defaults: field 'fastPath.delay': \"-1h\" is not a "
                            + "delay;"
                            + " write 0s, 30s, 90m, 4h, 1d or an ISO-8601 duration such as PT4H",
                        "images.yaml:7:5: image 'redis': field 'fastPath': applies to managed"
                            + " images only (an external image is never rebuilt; its scans reach"
                            + " the managed images built on it)"));
  }

  @Test
  void zeroAndSecondsAreDelaysHereThoughNotRebuildDelays() {
    assertThat(FastPathDelay.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(FastPathDelay.parse("0s")).isEqualTo(Duration.ZERO);
    assertThat(FastPathDelay.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(FastPathDelay.parse("PT4H")).isEqualTo(Duration.ofHours(4));
  }

  private Catalog parse(String text) throws CatalogException {
    return loader.parse("images.yaml", text.getBytes(StandardCharsets.UTF_8));
  }
}
