package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KargoSettingsTest {

  @Test
  void defaultsAreValid() {
    KargoSettings settings = KargoSettings.defaults();

    assertThat(settings.project()).isEqualTo(KargoSettings.DEFAULT_PROJECT);
    assertThat(settings.tokenExpression()).isEqualTo("secret('image-factory-webhook').token");
    assertThat(settings.newestBuildInterval()).isEqualTo("1h");
    assertThat(settings.managedCacheByTag()).isTrue();
    assertThat(settings.webhookReceivers()).isEmpty();
  }

  @Test
  void keepsWebhookReceiversSortedByKind() {
    KargoSettings settings =
        KargoSettings.defaults().withWebhookReceivers(Map.of("quay", "q", "github", "g"));

    assertThat(settings.webhookReceivers().keySet()).containsExactly("github", "quay");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          project           | Image_Factory
          webhookUrl        | ftp://factory/api
          webhookUrl        | http://user:secret@factory/api
          webhookUrl        | http://factory/${{ x }}
          tokenSecretName   | Token
          tokenSecretKey    | to'ken
          discoveryLimit    | 0
          discoveryLimit    | 101
          warehouseInterval | 10 minutes
          httpTimeout       | 30
          newestBuildInterval   | hourly
          webhookReceivers  | gitlab=secret
          webhookReceivers  | github=Bad_Secret
          """)
  void rejectsEachInvalidFieldByName(String field, String value) {
    assertThatThrownBy(() -> with(field, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Kargo settings: " + field + " must be")
        .hasMessageNotContaining("secret@");
  }

  private static KargoSettings with(String field, String value) {
    KargoSettings d = KargoSettings.defaults();
    return new KargoSettings(
        field.equals("project") ? value : d.project(),
        field.equals("webhookUrl") ? value : d.webhookUrl(),
        field.equals("tokenSecretName") ? value : d.tokenSecretName(),
        field.equals("tokenSecretKey") ? value : d.tokenSecretKey(),
        field.equals("discoveryLimit") ? Integer.parseInt(value) : d.discoveryLimit(),
        field.equals("warehouseInterval") ? value : d.warehouseInterval(),
        field.equals("httpTimeout") ? value : d.httpTimeout(),
        field.equals("newestBuildInterval") ? value : d.newestBuildInterval(),
        d.managedCacheByTag(),
        field.equals("webhookReceivers")
            ? Map.of(
                value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1))
            : d.webhookReceivers(),
        null);
  }
}
