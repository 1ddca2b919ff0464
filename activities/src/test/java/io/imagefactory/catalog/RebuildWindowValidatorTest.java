package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.rebuild.RebuildWindow;
import io.imagefactory.rebuild.WindowRange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rebuildWindow} in {@code images.yaml}: its shapes, the default, and every refusal. */
class RebuildWindowValidatorTest {

  private static final String HEAD =
      """
      defaults:
        rebuildWindow: {days: [Mon-Thu], from: "09:00", to: "16:00", timeZone: Europe/London}
      images:
        - name: api
          registry: ghcr.io
          repository: acme/api
          source: {dockerfile: Dockerfile}
      """;

  private final CatalogLoader loader = new CatalogLoader();

  @Test
  void anEntryTakesTheDefaultUnlessItSaysOtherwise() throws Exception {
    Catalog catalog =
        parse(
            HEAD
                + """
                  - name: web
                    registry: ghcr.io
                    repository: acme/web
                    source: {dockerfile: Dockerfile}
                    rebuildWindow:
                      - {days: [Sat], from: "02:00", to: "04:00", timeZone: UTC}
                      - {days: [Sun], from: "02:00", to: "24:00", timeZone: UTC}
                  - name: db
                    registry: ghcr.io
                    repository: acme/db
                    source: {dockerfile: Dockerfile}
                    rebuildWindow: always
                  - name: redis
                    registry: docker.io
                    repository: library/redis
                """);

    assertThat(catalog.find("api").orElseThrow().rebuildWindow())
        .isEqualTo(
            new RebuildWindow(
                "Europe/London",
                List.of(new WindowRange(List.of("Mon", "Tue", "Wed", "Thu"), "09:00", "16:00"))));
    assertThat(catalog.find("web").orElseThrow().rebuildWindow().ranges()).hasSize(2);
    assertThat(catalog.find("db").orElseThrow().rebuildWindow()).isNull();
    assertThat(catalog.find("redis").orElseThrow().rebuildWindow()).isNull();
    assertThat(catalog.find("api").orElseThrow().enrollment().rebuildWindow()).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{days: [Mon], from: '09:00', to: '16:00', timeZone: Europe/Londres}"
            + "| field 'rebuildWindow.timeZone': \"Europe/Londres\" is not a known time zone (an"
            + " IANA zone such as Europe/London, America/New_York or UTC)",
        "[]| field 'rebuildWindow': lists no range, so no rebuild could ever be dispatched;",
        "{days: [], from: '09:00', to: '16:00', timeZone: UTC}"
            + "| field 'rebuildWindow.days': names no day, so the range never opens",
        "{days: [Mon], from: '16:00', to: '09:00', timeZone: UTC}"
            + "| field 'rebuildWindow.to': 09:00 is not after from 16:00",
        "{days: [Mon], from: '9am', to: '16:00', timeZone: UTC}"
            + "| field 'rebuildWindow.from': '9am' is not a time of day (HH:mm, such as 09:00)",
        "{days: [Mon, Funday], from: '09:00', to: '16:00', timeZone: UTC}"
            + "| field 'rebuildWindow.days': 'Funday' is not a day of the week",
        "[{days: [Mon-Wed], from: '09:00', to: '12:00', timeZone: UTC},"
            + " {days: [Wed], from: '11:00', to: '13:00', timeZone: UTC}]"
            + "| field 'rebuildWindow': ranges 1 (09:00-12:00) and 2 (11:00-13:00) overlap on Wed",
        "[{days: [Mon], from: '09:00', to: '12:00', timeZone: UTC},"
            + " {days: [Tue], from: '09:00', to: '12:00', timeZone: Europe/Paris}]"
            + "| field 'rebuildWindow[2].timeZone': is Europe/Paris but range 1 is in UTC",
        "{days: [Mon], from: '09:00', to: '16:00', timeZone: UTC, zone: UTC}"
            + "| field 'rebuildWindow.zone': unknown field",
        "weekdays| field 'rebuildWindow': expected a range",
      })
  void refusesABadWindowNamingTheEntryAndField(String window, String message) {
    String file =
        """
        images:
          - name: api
            registry: ghcr.io
            repository: acme/api
            source: {dockerfile: Dockerfile}
            rebuildWindow: %s
        """
            .formatted(window);
    assertThatThrownBy(() -> parse(file))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e ->
                assertThat(e.errors())
                    .extracting(CatalogError::toString)
                    .anySatisfy(
                        error ->
                            assertThat(error)
                                .startsWith("images.yaml:")
                                .contains("image 'api': " + message.strip())));
  }

  @Test
  void anExternalImageHasNoWindowOfItsOwnAndTheDefaultIsCheckedToo() {
    String file =
        """
        defaults:
          rebuildWindow: {days: [Mon], from: '09:00', to: '08:00', timeZone: UTC}
        images:
          - name: redis
            registry: docker.io
            repository: library/redis
            rebuildWindow: always
        """;
    assertThatThrownBy(() -> parse(file))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e ->
                assertThat(e.errors())
                    .extracting(CatalogError::toString)
                    .containsExactly(
                        "images.yaml:2:47: defaults: field 'rebuildWindow.to': 08:00 is not after"
                            + " from 09:00 (a range ends on its own day; split an overnight range"
                            + " in two)",
                        "images.yaml:7:5: image 'redis': field 'rebuildWindow': applies to managed"
                            + " images only (an external image is never rebuilt)"));
  }

  private Catalog parse(String text) throws CatalogException {
    return loader.parse("images.yaml", text.getBytes(StandardCharsets.UTF_8));
  }
}
