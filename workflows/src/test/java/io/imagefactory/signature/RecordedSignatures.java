package io.imagefactory.signature;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Signature verdicts set by a test per digest; every check asked for is recorded. */
public class RecordedSignatures implements SignatureActivities {

  public final List<SignatureCheck> checks = new CopyOnWriteArrayList<>();
  public final Map<String, String> signedBy = new ConcurrentHashMap<>();

  @Override
  public SignatureVerdict verifySignature(SignatureCheck check) {
    checks.add(check);
    String signer = signedBy.get(check.digest());
    return signer == null
        ? new SignatureVerdict(check.digest(), false, check.rule().enforced(), "no signature found")
        : new SignatureVerdict(
            check.digest(), true, check.rule().enforced(), "signed with " + signer);
  }
}
