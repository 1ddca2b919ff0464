package io.imagefactory.signature;

import io.imagefactory.HumanText;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a base digest is signed as its {@code verify:} rule asks: a key-based rule wants
 * one cosign signature that verifies with the rule's key and names the digest; a keyless rule wants
 * one signed by the rule's identity and issuer under the Sigstore trusted root ({@link
 * KeylessSignatures}).
 */
final class SignatureVerifier {

  private final SignatureFinder finder;
  private final KeySource keys;
  private final KeylessSignatures keyless;

  SignatureVerifier(SignatureFinder finder, KeySource keys, SigstoreTrust trust) {
    this.finder = finder;
    this.keys = keys;
    this.keyless = new KeylessSignatures(trust);
  }

  SignatureVerdict verify(SignatureCheck check) {
    VerifyRule rule = check.rule();
    boolean enforced = rule.enforced();
    PublicKey key = null;
    if (!rule.keyless()) {
      try {
        key =
            PublicKeys.parse(
                keys.read(rule.key())
                    .orElseThrow(
                        () -> new IllegalArgumentException("is not in the state repository")));
      } catch (IllegalArgumentException e) {
        return new SignatureVerdict(
            check.digest(), false, enforced, "the public key " + rule.key() + " " + e.getMessage());
      }
    }
    SignatureFinder.Found found = finder.find(check.repository(), check.digest());
    if (found.none()) {
      String why =
          found.refused() != null
              ? found.refused()
              : "no signature found (referrers API, tag sha256-"
                  + HumanText.shortDigest(check.digest()).substring("sha256:".length())
                  + "….sig)";
      return new SignatureVerdict(check.digest(), false, enforced, why);
    }
    return key == null ? keyless.verify(check, found) : withKey(check, found, key);
  }

  private static SignatureVerdict withKey(
      SignatureCheck check, SignatureFinder.Found found, PublicKey key) {
    VerifyRule rule = check.rule();
    Set<String> problems = new LinkedHashSet<>();
    for (CosignSignature signature : found.signatures()) {
      Optional<String> problem = CosignPayloads.problem(signature, key, check.digest());
      if (problem.isEmpty()) {
        return new SignatureVerdict(
            check.digest(),
            true,
            rule.enforced(),
            "signed with " + rule.key() + " (found under " + signature.source() + ")");
      }
      problems.add(problem.get());
    }
    if (!found.bundles().isEmpty()) {
      problems.add("Sigstore bundles are verified for keyless rules only (identity and issuer)");
    }
    return new SignatureVerdict(
        check.digest(),
        false,
        rule.enforced(),
        (found.signatures().size() + found.bundles().size())
            + " signature(s) found, none verifies with "
            + rule.key()
            + ": "
            + String.join("; ", problems));
  }
}
