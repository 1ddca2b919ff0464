package io.imagefactory.worker.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageAccessTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "Bearer s3cret, s3cret",
        "bearer   s3cret  , s3cret",
        "BASIC-OF operator:s3cret, s3cret",
        "BASIC-OF :s3cret, s3cret",
        "BASIC-OF operator:pa:ss, pa:ss",
        "BASIC-OF no-colon, null",
        "Basic not*base64, null",
        "Digest username=x, null",
        "s3cret, null"
      })
  void theTokenIsTheBearerTokenOrTheBasicPassword(String header, String token) {
    String value =
        header.startsWith("BASIC-OF ")
            ? "Basic "
                + Base64.getEncoder()
                    .encodeToString(header.substring(9).getBytes(StandardCharsets.UTF_8))
            : header;
    assertThat(PageAccess.presented(value)).isEqualTo(token);
  }
}
