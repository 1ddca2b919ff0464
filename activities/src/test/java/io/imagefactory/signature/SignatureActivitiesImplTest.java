package io.imagefactory.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The signature check against a real registry (Debian's {@code docker-registry}), with images and
 * cosign signatures pushed through the OCI API by the test, behind a {@link FrontServer} that adds
 * the referrers API and a token flow.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignatureActivitiesImplTest {

  private static final String KEY = "keys/cosign.pub";
  private static final String OTHER_KEY = "keys/other.pub";

  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static FrontServer front;
  private static RegistryPusher pusher;
  private static CosignSigner signer;
  private static CosignSigner stranger;
  private static int repositories;

  private String name;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.start(dir);
    front = new FrontServer(registry.uri());
    pusher = new RegistryPusher(registry.uri());
    signer = new CosignSigner(pusher);
    stranger = new CosignSigner(pusher);
  }

  @AfterAll
  static void stopRegistry() {
    if (front != null) {
      front.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void freshRepository() {
    name = "library/base-" + ++repositories;
    front.servesReferrers = false;
    front.requiresToken = false;
    front.requiredBasic = null;
    front.requests.clear();
    front.tokenRequests.clear();
    front.tokenAuthorizations.clear();
  }

  @Test
  void aSignatureUnderTheSigTagVerifiesAfterTheReferrersApiFindsNone() throws Exception {
    String digest = pusher.image(name, "1");
    signer.signUnderTag(name, digest, digest);

    SignatureVerdict verdict = verify(digest, rule(KEY, VerifyRule.ENFORCE));

    assertThat(verdict.verified()).as(verdict.detail()).isTrue();
    assertThat(verdict.held()).isFalse();
    assertThat(verdict.detail())
        .isEqualTo("signed with " + KEY + " (found under tag " + tagOf(digest) + ")");
    // Distribution 2.8 has no referrers API: it was asked first, and the tag was the fallback.
    assertThat(front.requests.get(0)).isEqualTo("GET /v2/" + name + "/referrers/" + digest);
    assertThat(front.requests).contains("GET /v2/" + name + "/manifests/" + tagOf(digest));
  }

  @ParameterizedTest
  @EnumSource(CosignSigner.KeyType.class)
  void eachKeyTypeCosignSignsWithVerifiesUnderTheTagAndTheReferrersApi(CosignSigner.KeyType type)
      throws Exception {
    CosignSigner typed = new CosignSigner(pusher, type);
    CosignSigner otherOfTheType = new CosignSigner(pusher, type);
    front.servesReferrers = true;
    String tagged = pusher.image(name, "1");
    String referred = pusher.image(name, "2");
    typed.signUnderTag(name, tagged, tagged);
    front.referrers.put(referred, List.of(typed.signAsReferrer(name, referred)));
    Map<String, byte[]> keys =
        Map.of(KEY, typed.publicKeyPem(), OTHER_KEY, otherOfTheType.publicKeyPem());
    SignatureActivitiesImpl activities =
        new SignatureActivitiesImpl(
            new RegistryHosts(List.of(front.host())),
            RegistryCredentials.none(),
            path -> Optional.ofNullable(keys.get(path)),
            SigstoreTrust.fromFile(dir.resolve("no-keyless-rule-reads-this.json")));

    SignatureVerdict underTag =
        activities.verifySignature(check(tagged, rule(KEY, VerifyRule.ENFORCE)));
    SignatureVerdict underReferrers =
        activities.verifySignature(check(referred, rule(KEY, VerifyRule.ENFORCE)));
    SignatureVerdict otherKey =
        activities.verifySignature(check(tagged, rule(OTHER_KEY, VerifyRule.ENFORCE)));

    assertThat(underTag.verified()).as(underTag.detail()).isTrue();
    assertThat(underReferrers.verified()).as(underReferrers.detail()).isTrue();
    assertThat(otherKey.verified()).isFalse();
    assertThat(otherKey.detail()).endsWith("the signature does not verify with the key");
  }

  @Test
  void aSignatureOverAnotherDigestDoesNotVerify() throws Exception {
    String digest = pusher.image(name, "1");
    String other = pusher.image(name, "2");
    signer.signUnderTag(name, digest, other);

    SignatureVerdict verdict = verify(digest, rule(KEY, VerifyRule.ENFORCE));

    assertThat(verdict.verified()).isFalse();
    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .isEqualTo(
            "1 signature(s) found, none verifies with "
                + KEY
                + ": the signed payload names "
                + io.imagefactory.HumanText.shortDigest(other)
                + ", not this digest");
  }

  @Test
  void aSignatureMadeWithAnotherKeyDoesNotVerify() throws Exception {
    String digest = pusher.image(name, "1");
    stranger.signUnderTag(name, digest, digest);

    SignatureVerdict verdict = verify(digest, rule(KEY, VerifyRule.ENFORCE));

    assertThat(verdict.verified()).isFalse();
    assertThat(verdict.detail()).endsWith("the signature does not verify with the key");
    assertThat(verify(digest, rule(OTHER_KEY, VerifyRule.ENFORCE)).verified()).isTrue();
  }

  @Test
  void aDigestWithoutASignatureIsUnverified() throws Exception {
    String digest = pusher.image(name, "1");

    SignatureVerdict verdict = verify(digest, rule(KEY, VerifyRule.WARN));

    assertThat(verdict.verified()).isFalse();
    assertThat(verdict.held()).as("warn never holds").isFalse();
    assertThat(verdict.detail()).startsWith("no signature found (referrers API, tag sha256-");
  }

  @Test
  void aSignatureOnlyUnderTheReferrersApiVerifies() throws Exception {
    front.servesReferrers = true;
    String digest = pusher.image(name, "1");
    front.referrers.put(digest, List.of(signer.signAsReferrer(name, digest)));

    SignatureVerdict verdict = verify(digest, rule(KEY, VerifyRule.ENFORCE));

    assertThat(verdict.verified()).as(verdict.detail()).isTrue();
    assertThat(verdict.detail()).isEqualTo("signed with " + KEY + " (found under referrers)");
    assertThat(front.requests).noneMatch(r -> r.endsWith(".sig"));
  }

  @Test
  void aReferrersApiListingNoSignatureFallsBackToTheTag() throws Exception {
    front.servesReferrers = true;
    String digest = pusher.image(name, "1");
    signer.signUnderTag(name, digest, digest);

    assertThat(verify(digest, rule(KEY, VerifyRule.ENFORCE)).detail())
        .endsWith("(found under tag " + tagOf(digest) + ")");
  }

  @Test
  void theAnonymousTokenFlowIsFollowed() throws Exception {
    front.requiresToken = true;
    String digest = pusher.image(name, "1");
    signer.signUnderTag(name, digest, digest);

    SignatureVerdict verdict = verify(digest, rule(KEY, VerifyRule.ENFORCE));

    assertThat(verdict.verified()).as(verdict.detail()).isTrue();
    assertThat(front.tokenRequests)
        .first()
        .asString()
        .contains("scope=repository%3A" + name.replace("/", "%2F") + "%3Apull")
        .contains("service=front");
    assertThat(front.tokenAuthorizations).containsOnly("");
    // One token serves the repository's later reads.
    assertThat(front.tokenRequests).hasSize(1);
  }

  @Test
  void configJsonCredentialsGoToTheTokenRealmAndNeverIntoTheVerdict() throws Exception {
    front.requiresToken = true;
    String secret = "s3cr3t-pa55";
    String basic =
        Base64.getEncoder().encodeToString(("robot:" + secret).getBytes(StandardCharsets.UTF_8));
    front.requiredBasic = "Basic " + basic;
    String digest = pusher.image(name, "1");
    signer.signUnderTag(name, digest, digest);
    Path config = dir.resolve("config-" + name.replace('/', '-') + ".json");
    Files.writeString(
        config, "{\"auths\":{\"http://" + front.host() + "/v1/\":{\"auth\":\"" + basic + "\"}}}");

    SignatureVerdict anonymous = verify(digest, rule(KEY, VerifyRule.ENFORCE));
    SignatureVerdict authenticated =
        activities(new RegistryCredentials(config))
            .verifySignature(check(digest, rule(KEY, VerifyRule.ENFORCE)));

    assertThat(anonymous.verified()).isFalse();
    assertThat(anonymous.detail()).isEqualTo("the registry refused access (401)");
    assertThat(authenticated.verified()).as(authenticated.detail()).isTrue();
    assertThat(front.tokenAuthorizations).contains("Basic " + basic);
    assertThat(authenticated.toString() + anonymous + new RegistryCredentials(config))
        .doesNotContain(secret)
        .doesNotContain(basic);
  }

  @Test
  void aMissingKeyFileIsAReasonNotAPass() throws Exception {
    String digest = pusher.image(name, "1");

    SignatureVerdict verdict = verify(digest, rule("keys/missing.pub", VerifyRule.ENFORCE));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .isEqualTo("the public key keys/missing.pub is not in the state repository");
  }

  @Test
  void aVerdictIsCachedPerDigestAndRule() throws Exception {
    String digest = pusher.image(name, "1");
    signer.signUnderTag(name, digest, digest);
    SignatureActivitiesImpl activities = activities(RegistryCredentials.none());

    SignatureVerdict first =
        activities.verifySignature(check(digest, rule(KEY, VerifyRule.ENFORCE)));
    int reads = front.requests.size();
    SignatureVerdict second =
        activities.verifySignature(check(digest, rule(KEY, VerifyRule.ENFORCE)));

    assertThat(second).isEqualTo(first);
    assertThat(front.requests).hasSize(reads);
  }

  private SignatureVerdict verify(String digest, VerifyRule rule) {
    return activities(RegistryCredentials.none()).verifySignature(check(digest, rule));
  }

  private SignatureActivitiesImpl activities(RegistryCredentials credentials) {
    Map<String, byte[]> keys =
        Map.of(KEY, signer.publicKeyPem(), OTHER_KEY, stranger.publicKeyPem());
    return new SignatureActivitiesImpl(
        new RegistryHosts(List.of(front.host())),
        credentials,
        path -> Optional.ofNullable(keys.get(path)),
        SigstoreTrust.fromFile(dir.resolve("no-keyless-rule-reads-this.json")));
  }

  private SignatureCheck check(String digest, VerifyRule rule) {
    return new SignatureCheck(front.host() + "/" + name, digest, rule);
  }

  private static VerifyRule rule(String key, String mode) {
    return new VerifyRule("127.0.0.1*/**", key, null, null, null, mode);
  }

  private static String tagOf(String digest) {
    return "sha256-" + digest.substring("sha256:".length()) + ".sig";
  }
}
