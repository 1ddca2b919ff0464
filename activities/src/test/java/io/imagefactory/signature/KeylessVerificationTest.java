package io.imagefactory.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.HumanText;
import java.nio.file.Path;
import java.util.List;
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
 * Keyless rules against a real registry (Debian's {@code docker-registry} behind a {@link
 * FrontServer} for the referrers API), with a Sigstore the test makes ({@link TestSigstore}: its
 * own CA, CT log and transparency log) pinned through its {@code trusted_root.json}. Each case runs
 * for both places cosign puts a keyless signature: a Sigstore bundle as an OCI referrer, and the
 * older {@code .sig} tag layer with certificate annotations.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeylessVerificationTest {

  private static final String IDENTITY =
      "https://github.com/example/base/.github/workflows/release.yml@refs/heads/main";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static FrontServer front;
  private static RegistryPusher pusher;
  private static KeylessSigner signer;
  private static TestSigstore sigstore;
  private static TestSigstore otherSigstore;
  private static Path trustedRoot;
  private static int repositories;

  private String name;
  private String digest;

  /** Where the signature is put. */
  enum Placement {
    BUNDLE_AS_REFERRER,
    LEGACY_SIG_TAG
  }

  @BeforeAll
  static void start() throws Exception {
    registry = LocalRegistry.start(dir);
    front = new FrontServer(registry.uri());
    front.servesReferrers = true;
    pusher = new RegistryPusher(registry.uri());
    signer = new KeylessSigner(pusher);
    sigstore = new TestSigstore("trusted");
    otherSigstore = new TestSigstore("stranger");
    trustedRoot = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));
  }

  @AfterAll
  static void stop() {
    if (front != null) {
      front.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void freshImage() throws Exception {
    name = "library/keyless-" + ++repositories;
    digest = pusher.image(name, "1");
    front.requests.clear();
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void aSignatureByTheIdentityFromTheIssuerVerifies(Placement placement) throws Exception {
    sign(placement, signing());

    SignatureVerdict verdict = verify(rule(IDENTITY, null, ISSUER));

    assertThat(verdict.verified()).as(verdict.detail()).isTrue();
    assertThat(verdict.detail())
        .isEqualTo(
            "signed by "
                + IDENTITY
                + " (issuer "
                + ISSUER
                + ", "
                + (placement == Placement.BUNDLE_AS_REFERRER
                    ? "Sigstore bundle, found under referrers)"
                    : "found under tag sha256-" + digest.substring(7) + ".sig)"));
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void aSignatureByAnotherIdentityIsHeld(Placement placement) throws Exception {
    sign(placement, signing());

    SignatureVerdict verdict =
        verify(
            rule(
                "https://github.com/example/other/.github/workflows/x.yml@refs/heads/main",
                null,
                ISSUER));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .contains("signed by " + IDENTITY + ", not https://github.com/example/other/");
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void anIdentityRegexMustMatchTheWholeIdentity(Placement placement) throws Exception {
    sign(placement, signing());

    SignatureVerdict matching =
        verify(rule(null, "https://github\\.com/example/base/.+@refs/heads/main", ISSUER));
    SignatureVerdict partial = verify(rule(null, "https://github\\.com/example/base/", ISSUER));

    assertThat(matching.verified()).as(matching.detail()).isTrue();
    assertThat(partial.verified()).isFalse();
    assertThat(partial.detail()).contains("not one matching https://github\\.com/example/base/");
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void aCertificateFromAnotherIssuerIsHeld(Placement placement) throws Exception {
    sign(placement, signing());

    SignatureVerdict verdict = verify(rule(IDENTITY, null, "https://accounts.google.com"));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .contains("with a certificate from issuer " + ISSUER + ", not https://accounts.google.com");
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void aCertificateFromACertificateAuthorityOutsideTheTrustedRootIsHeld(Placement placement)
      throws Exception {
    sign(placement, signing().certifiedBy(otherSigstore));

    SignatureVerdict verdict = verify(rule(IDENTITY, null, ISSUER));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .contains(
            placement == Placement.BUNDLE_AS_REFERRER
                ? "the Sigstore bundle does not verify: Fulcio certificate was not valid"
                : "the signing certificate is not trusted");
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void aSignatureOverAnotherDigestIsHeld(Placement placement) throws Exception {
    String other = pusher.image(name, "2");
    sign(placement, signing().over(other));

    SignatureVerdict verdict = verify(rule(IDENTITY, null, ISSUER));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .contains(
            placement == Placement.BUNDLE_AS_REFERRER
                ? "Provided artifact digest does not match any subject sha256 digests in DSSE"
                    + " payload"
                : "the signed payload names " + HumanText.shortDigest(other) + ", not this digest");
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void anEntryInALogOutsideTheTrustedRootIsHeld(Placement placement) throws Exception {
    sign(placement, signing().loggedIn(otherSigstore.rekor));

    SignatureVerdict verdict = verify(rule(IDENTITY, null, ISSUER));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .contains(
            placement == Placement.BUNDLE_AS_REFERRER
                ? "Log entry (logid) does not match any provided transparency logs"
                : "the transparency-log entry is from a log the trusted root does not hold");
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void anEntryLoggedAfterTheCertificateExpiredIsHeld(Placement placement) throws Exception {
    KeylessSigner.Signing late = signing();
    sign(placement, late.loggedAt(late.certifiedAt().plusSeconds(3600)));

    SignatureVerdict verdict = verify(rule(IDENTITY, null, ISSUER));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail()).contains(", outside the signing certificate's validity (");
  }

  @Test
  void withoutItsTrustedRootAKeylessRuleSaysWhy() throws Exception {
    sign(Placement.BUNDLE_AS_REFERRER, signing());
    Path missing = dir.resolve("missing/trusted_root.json");

    SignatureVerdict verdict =
        activities(SigstoreTrust.fromFile(missing))
            .verifySignature(check(rule(IDENTITY, null, ISSUER)));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .startsWith("the Sigstore trusted root " + missing + " cannot be read: ");
  }

  @Test
  void aKeyBasedRuleDoesNotTakeABundle() throws Exception {
    sign(Placement.BUNDLE_AS_REFERRER, signing());
    VerifyRule keyed =
        new VerifyRule("127.0.0.1*/**", "keys/cosign.pub", null, null, null, VerifyRule.ENFORCE);
    CosignSigner keys = new CosignSigner(pusher);

    SignatureVerdict verdict =
        new SignatureActivitiesImpl(
                new RegistryHosts(List.of(front.host())),
                RegistryCredentials.none(),
                path -> Optional.of(keys.publicKeyPem()),
                SigstoreTrust.fromFile(trustedRoot))
            .verifySignature(check(keyed));

    assertThat(verdict.held()).isTrue();
    assertThat(verdict.detail())
        .endsWith("Sigstore bundles are verified for keyless rules only (identity and issuer)");
  }

  private KeylessSigner.Signing signing() {
    return KeylessSigner.Signing.by(IDENTITY, ISSUER, sigstore, digest);
  }

  private void sign(Placement placement, KeylessSigner.Signing signing) throws Exception {
    if (placement == Placement.BUNDLE_AS_REFERRER) {
      front.referrers.put(digest, List.of(signer.bundleAsReferrer(name, digest, signing)));
    } else {
      signer.legacyUnderTag(name, digest, signing);
    }
  }

  private SignatureVerdict verify(VerifyRule rule) {
    return activities(SigstoreTrust.fromFile(trustedRoot)).verifySignature(check(rule));
  }

  private static SignatureActivitiesImpl activities(SigstoreTrust trust) {
    return new SignatureActivitiesImpl(
        new RegistryHosts(List.of(front.host())),
        RegistryCredentials.none(),
        path -> Optional.empty(),
        trust);
  }

  private SignatureCheck check(VerifyRule rule) {
    return new SignatureCheck(front.host() + "/" + name, digest, rule);
  }

  private static VerifyRule rule(String identity, String identityRegex, String issuer) {
    return new VerifyRule(
        "127.0.0.1*/**", null, identity, identityRegex, issuer, VerifyRule.ENFORCE);
  }
}
