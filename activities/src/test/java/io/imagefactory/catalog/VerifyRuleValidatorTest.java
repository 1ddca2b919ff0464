package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imagefactory.signature.VerifyRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code verify:} in {@code images.yaml}: its two kinds of rule, matching, and every refusal. */
class VerifyRuleValidatorTest {

  private static final String IMAGES =
      """
      images:
        - name: api
          registry: ghcr.io
          repository: acme/api
          source: {dockerfile: Dockerfile}
      """;

  private final CatalogLoader loader = new CatalogLoader();
  private final Map<String, byte[]> files =
      Map.of(
          "keys/cosign.pub",
          publicKeyPem(),
          "keys/junk.pub",
          "junk".getBytes(StandardCharsets.UTF_8));

  @Test
  void rulesAreReadInFileOrderAndTheFirstMatchApplies() throws Exception {
    Catalog catalog =
        parse(
            """
            verify:
              - repository: "docker.io/library/node"
                key: keys/cosign.pub
                mode: warn
              - repository: "docker.io/library/*"
                key: keys/cosign.pub
              - repository: "gcr.io/distroless/**"
                identityRegex: "^https://github.com/GoogleContainerTools/.*$"
                issuer: https://token.actions.githubusercontent.com
            """
                + IMAGES);

    assertThat(catalog.verifyRules()).hasSize(3);
    assertThat(catalog.verifyRuleFor("docker.io/library/node").orElseThrow().mode())
        .isEqualTo("warn");
    VerifyRule python = catalog.verifyRuleFor("docker.io/library/python").orElseThrow();
    assertThat(python.mode()).as("enforce is the default").isEqualTo(VerifyRule.ENFORCE);
    assertThat(python.key()).isEqualTo("keys/cosign.pub");
    assertThat(catalog.verifyRuleFor("docker.io/bitnami/redis"))
        .as("* stays in one segment")
        .isEmpty();
    assertThat(catalog.verifyRuleFor("gcr.io/distroless/static/debian12").orElseThrow().keyless())
        .isTrue();
    assertThat(catalog.verifyRuleFor("ghcr.io/acme/api")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown field     | {repository: "docker.io/library/*", key: keys/cosign.pub, keys: x}      | 2 | verify[1].keys        | unknown field (did you mean 'key'?)
          bad glob          | {repository: "docker.io/Library/[a]", key: keys/cosign.pub}             | 2 | verify[1].repository  | is not a repository glob
          no registry       | {repository: "library/*", key: keys/cosign.pub}                         | 2 | verify[1].repository  | does not start with a registry
          key and identity  | {repository: "docker.io/**", key: keys/cosign.pub, identity: a@b.c, issuer: "https://x"} | 2 | verify[1].key | cannot be combined with identity
          missing issuer    | {repository: "docker.io/**", identity: builder@example.com}              | 2 | verify[1].issuer      | is required
          issuer not https  | {repository: "docker.io/**", identity: a@b.c, issuer: "http://x"}        | 2 | verify[1].issuer      | is not an https:// OIDC issuer URL
          bad regex         | {repository: "docker.io/**", identityRegex: "(", issuer: "https://x"}    | 2 | verify[1].identityRegex | is not a regular expression
          neither           | {repository: "docker.io/**", mode: enforce}                              | 2 | verify[1].key         | is required
          bad mode          | {repository: "docker.io/**", key: keys/cosign.pub, mode: audit}          | 2 | verify[1].mode        | "audit" is not a mode: use enforce or warn
          missing key file  | {repository: "docker.io/**", key: keys/none.pub}                         | 2 | verify[1].key         | cannot read "keys/none.pub": no such file in the state repository
          key not a key     | {repository: "docker.io/**", key: keys/junk.pub}                         | 2 | verify[1].key         | cannot read "keys/junk.pub": it is not a PEM public key
          key outside repo  | {repository: "docker.io/**", key: ../secrets/k.pub}                      | 2 | verify[1].key         | is not a path in the state repository
          """)
  void aBadRuleIsRefusedNamingLineRuleAndField(
      String what, String rule, int line, String field, String message) {
    CatalogException e =
        catchThrowableOfType(
            CatalogException.class, () -> parse("verify:\n  - " + rule + "\n" + IMAGES));

    assertThat(e).as(what).isNotNull();
    assertThat(e.errors()).hasSize(1);
    CatalogError error = e.errors().get(0);
    assertThat(error.line()).isEqualTo(line);
    assertThat(error.field()).isEqualTo(field);
    assertThat(error.message()).contains(message);
    assertThat(error.toString())
        .startsWith("images.yaml:" + line + ":")
        .contains("field '" + field + "'");
  }

  @Test
  void theSecondRuleIsNamedByItsIndex() {
    CatalogException e =
        catchThrowableOfType(
            CatalogException.class,
            () ->
                parse(
                    """
                    verify:
                      - {repository: "docker.io/**", key: keys/cosign.pub}
                      - repository: "ghcr.io/**"
                        mode: never
                        key: keys/cosign.pub
                    """
                        + IMAGES));

    assertThat(e.errors())
        .extracting(CatalogError::toString)
        .containsExactly(
            "images.yaml:4:5: field 'verify[2].mode': \"never\" is not a mode:"
                + " use enforce or warn");
  }

  @Test
  void verifyMustBeAList() {
    CatalogException e =
        catchThrowableOfType(
            CatalogException.class, () -> parse("verify: {repository: x}\n" + IMAGES));

    assertThat(e.errors().get(0).message()).startsWith("expected a list of rules");
  }

  @Test
  void aStateDirectoryIsCheckedForKeyFilesBesideImagesYaml(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("images.yaml"),
        "verify:\n  - {repository: \"docker.io/**\", key: keys/cosign.pub}\n" + IMAGES);

    CatalogException missing =
        catchThrowableOfType(CatalogException.class, () -> loader.load(dir.resolve("images.yaml")));
    Files.createDirectories(dir.resolve("keys"));
    Files.write(dir.resolve("keys/cosign.pub"), publicKeyPem());

    assertThat(missing.errors().get(0).message()).contains("no such file");
    assertThat(loader.load(dir.resolve("images.yaml")).verifyRules()).hasSize(1);
  }

  private Catalog parse(String text) throws CatalogException {
    return loader.parse(
        "images.yaml",
        text.getBytes(StandardCharsets.UTF_8),
        path -> Optional.ofNullable(files.get(path)));
  }

  private static byte[] publicKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      String base64 =
          Base64.getMimeEncoder()
              .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
      return ("-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n")
          .getBytes(StandardCharsets.US_ASCII);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
