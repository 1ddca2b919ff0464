package io.imagefactory.signature;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides a keyless rule over what was found for a digest: Sigstore bundles (referrers API) and
 * cosign signature layers that carry a certificate ({@code .sig} tag or referrers). The digest is
 * verified when one of them is signed by the rule's identity and issuer under the trusted root.
 */
final class KeylessSignatures {

  private final SigstoreTrust trust;

  KeylessSignatures(SigstoreTrust trust) {
    this.trust = trust;
  }

  SignatureVerdict verify(SignatureCheck check, SignatureFinder.Found found) {
    VerifyRule rule = check.rule();
    SigstoreTrust.Loaded loaded;
    try {
      loaded = trust.load();
    } catch (IllegalStateException e) {
      return new SignatureVerdict(check.digest(), false, rule.enforced(), e.getMessage());
    }
    Set<String> problems = new LinkedHashSet<>();
    for (SigstoreBundle bundle : found.bundles()) {
      KeylessOutcome outcome = BundleCheck.check(bundle, rule, check.digest(), loaded);
      if (outcome.verified()) {
        return verified(check, outcome.signer(), "Sigstore bundle, found under " + bundle.source());
      }
      problems.add(outcome.problem());
    }
    for (CosignSignature signature : found.signatures()) {
      if (signature.certificate() == null) {
        problems.add("a key-based signature, no certificate");
        continue;
      }
      KeylessOutcome outcome = LegacyKeylessCheck.check(signature, rule, check.digest(), loaded);
      if (outcome.verified()) {
        return verified(check, outcome.signer(), "found under " + signature.source());
      }
      problems.add(outcome.problem());
    }
    return new SignatureVerdict(
        check.digest(),
        false,
        rule.enforced(),
        (found.bundles().size() + found.signatures().size())
            + " signature(s) found, none is a keyless signature of "
            + wanted(rule)
            + ": "
            + String.join("; ", problems));
  }

  private static SignatureVerdict verified(
      SignatureCheck check, FulcioIdentity signer, String where) {
    return new SignatureVerdict(
        check.digest(),
        true,
        check.rule().enforced(),
        "signed by " + signer.identity() + " (issuer " + signer.issuer() + ", " + where + ")");
  }

  private static String wanted(VerifyRule rule) {
    return (rule.identity() != null
            ? rule.identity()
            : "an identity matching " + rule.identityRegex())
        + " from "
        + rule.issuer();
  }
}
