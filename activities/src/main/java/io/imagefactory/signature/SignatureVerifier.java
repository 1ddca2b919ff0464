package io.imagefactory.signature;

import io.imagefactory.HumanText;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a base digest is signed as its {@code verify:} rule asks: at least one cosign
 * signature found for it verifies with the rule's key and names the digest. Keyless rules are not
 * verified yet, and say so, so an {@code enforce} rule never lets a digest through unchecked.
 */
final class SignatureVerifier {

  static final String KEYLESS_UNSUPPORTED = "keyless verification is not supported yet";

  private final SignatureFinder finder;
  private final KeySource keys;

  SignatureVerifier(SignatureFinder finder, KeySource keys) {
    this.finder = finder;
    this.keys = keys;
  }

  SignatureVerdict verify(SignatureCheck check) {
    VerifyRule rule = check.rule();
    boolean enforced = rule.enforced();
    if (rule.keyless()) {
      return new SignatureVerdict(check.digest(), false, enforced, KEYLESS_UNSUPPORTED);
    }
    PublicKey key;
    try {
      key =
          PublicKeys.parse(
              keys.read(rule.key())
                  .orElseThrow(() -> new IllegalArgumentException("is not in the state repository")));
    } catch (IllegalArgumentException e) {
      return new SignatureVerdict(
          check.digest(), false, enforced, "the public key " + rule.key() + " " + e.getMessage());
    }
    SignatureFinder.Found found = finder.find(check.repository(), check.digest());
    if (found.signatures().isEmpty()) {
      String why =
          found.refused() != null
              ? found.refused()
              : "no signature found (referrers API, tag sha256-"
                  + HumanText.shortDigest(check.digest()).substring("sha256:".length())
                  + "….sig)";
      return new SignatureVerdict(check.digest(), false, enforced, why);
    }
    Set<String> problems = new LinkedHashSet<>();
    for (CosignSignature signature : found.signatures()) {
      Optional<String> problem = CosignPayloads.problem(signature, key, check.digest());
      if (problem.isEmpty()) {
        return new SignatureVerdict(
            check.digest(),
            true,
            enforced,
            "signed with " + rule.key() + " (found under " + signature.source() + ")");
      }
      problems.add(problem.get());
    }
    return new SignatureVerdict(
        check.digest(),
        false,
        enforced,
        found.signatures().size()
            + " signature(s) found, none verifies with "
            + rule.key()
            + ": "
            + String.join("; ", problems));
  }
}
