package io.imagefactory.signature;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Verifies the signatures of base-image digests in their registries. */
@ActivityInterface
public interface SignatureActivities {

  /**
   * Finds the signatures of {@code check.digest()} in its registry (the OCI referrers API, then
   * cosign's {@code sha256-<hex>.sig} tag) and verifies them under {@code check.rule()}. A digest
   * without a valid signature is a verdict, not a failure; a registry that cannot be reached is a
   * failure Temporal retries. Read-only and cached per digest and rule, so idempotent.
   */
  @ActivityMethod
  SignatureVerdict verifySignature(SignatureCheck check);
}
