package io.imagefactory.image;

import io.imagefactory.UiSummaries;
import io.imagefactory.signature.SignatureActivities;
import io.imagefactory.signature.SignatureCheck;
import io.imagefactory.signature.SignatureVerdict;
import io.imagefactory.signature.VerifyRule;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The signature check of an entity's new digest before it goes to the images built on it, for a
 * base and for a managed image others are built on alike. Use from workflow code, driven by the
 * entity's main loop: the check runs beside the loop, so handlers never wait for it; a newer digest
 * replaces the one being checked. A digest held under an {@code enforce} rule is checked again on
 * {@link HeldDigest}'s schedule, at once when the rule changes, and released when the rule is gone.
 * Each step answers the update to hand to the dependents, or null.
 */
public final class SignatureGate {

  private static final Logger log = Workflow.getLogger(SignatureGate.class);

  // A registry that cannot be reached is retried for hours; past that the digest is unverified.
  private static final ActivityOptions SIGNATURE_CHECK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setScheduleToCloseTimeout(Duration.ofHours(6))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(10))
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .build())
          .build();

  private final String owner;
  private final Function<String, String> summary;
  private BaseUpdate verifying;
  private Promise<SignatureVerdict> verification;
  private VerifyRule checkedRule;
  private HeldDigest held;

  /**
   * @param owner who checks, for the log ({@code base node-22})
   * @param summary the activity's summary in the Temporal UI, for a digest
   * @param held the digest the previous run held; null when none
   */
  public SignatureGate(String owner, Function<String, String> summary, HeldDigest held) {
    this.owner = owner;
    this.summary = summary;
    this.held = held;
  }

  /**
   * A new digest: a held older one is dropped, as the dependents drop it for the newer one. Under
   * {@code rule} its check starts and null is answered; without a rule it goes out unchecked.
   */
  public BaseUpdate admit(BaseUpdate update, VerifyRule rule, String repository) {
    held = null;
    if (rule == null) {
      return update;
    }
    verify(update, rule, repository);
    return null;
  }

  /** The rule changed from {@code before} to {@code after}: a held digest is checked at once. */
  public void ruleChanged(VerifyRule before, VerifyRule after) {
    if (held != null && !Objects.equals(before, after)) {
      held = held.checkNow(now());
    }
  }

  /** How long until the held digest is checked again; empty when nothing is to be checked. */
  public Optional<Duration> untilRecheck(VerifyRule rule) {
    if (held == null || verification != null) {
      return Optional.empty();
    }
    return rule == null ? Optional.of(Duration.ZERO) : held.untilCheck(now());
  }

  /** True when the loop has something to do here: a finished check or a re-check due. */
  public boolean hasWork(VerifyRule rule) {
    return (verification != null && verification.isCompleted())
        || untilRecheck(rule).map(Duration::isZero).orElse(false);
  }

  /** True while a check is under way, which a continue-as-new would cut short. */
  public boolean checking() {
    return verification != null;
  }

  /** The digest whose check is under way; null when none. */
  public BaseUpdate underCheck() {
    return verifying;
  }

  /** What the next run must go on with: the held digest and its re-checks; null when none. */
  public HeldDigest carry() {
    return held;
  }

  /**
   * Checks the held digest again when due (its check starts, null is answered); with the rule gone
   * it is released as it stands, since the dependents take a digest without a verdict as one no
   * rule covers.
   */
  public BaseUpdate recheckHeld(VerifyRule rule, String repository) {
    if (!untilRecheck(rule).map(Duration::isZero).orElse(false)) {
      return null;
    }
    if (rule == null) {
      log.info(
          "{}: digest {} released: no verify rule covers it now", owner, held.update().digest());
      BaseUpdate released = held.update().withSignature(null);
      held = null;
      return released;
    }
    verify(held.update(), rule, repository);
    return null;
  }

  /**
   * The checked digest with its verdict, once its check has finished; a check that failed is
   * unverified. A re-check that holds the digest again answers null unless its reason changed.
   */
  public BaseUpdate settle(VerifyRule rule) {
    if (verification == null || !verification.isCompleted()) {
      return null;
    }
    SignatureVerdict verdict;
    try {
      verdict = verification.get();
    } catch (ActivityFailure failure) {
      Throwable cause = failure.getCause() == null ? failure : failure.getCause();
      String reason =
          cause instanceof ApplicationFailure application
              ? application.getOriginalMessage()
              : cause.getMessage();
      verdict =
          new SignatureVerdict(
              verifying.digest(),
              false,
              (rule == null ? checkedRule : rule).enforced(),
              "signature check failed: " + reason);
    }
    log.info(
        "{}: digest {} {}: {}",
        owner,
        verifying.digest(),
        verdict.verified() ? "verified" : verdict.held() ? "held" : "unverified",
        verdict.detail());
    BaseUpdate checked = verifying.withSignature(verdict);
    boolean recheck = held != null && held.update().digest().equals(checked.digest());
    boolean sameReason = recheck && Objects.equals(held.update().signature(), checked.signature());
    if (!verdict.held()) {
      held = null;
    } else if (!Objects.equals(checkedRule, rule)) {
      // The rule changed while it was being checked under the old one.
      held = (recheck ? held : HeldDigest.held(checked, now())).checkNow(now());
    } else {
      held = recheck ? held.stillHeld(checked, now()) : HeldDigest.held(checked, now());
    }
    verifying = null;
    verification = null;
    checkedRule = null;
    return verdict.held() && sameReason ? null : checked;
  }

  /** For the details line: the check under way or the held digest; empty when neither. */
  public String describe() {
    if (verification != null) {
      return "; checking the signature of " + verifying.digest();
    }
    if (held == null) {
      return "";
    }
    return held.nextCheckAt() == null
        ? "; "
            + held.update().digest()
            + " held for its signature, no more re-checks until the"
            + " rule changes"
        : "; "
            + held.update().digest()
            + " held for its signature, checked again at "
            + held.nextCheckAt();
  }

  private void verify(BaseUpdate update, VerifyRule rule, String repository) {
    verifying = update;
    checkedRule = rule;
    SignatureActivities signatures =
        UiSummaries.activities(
            SignatureActivities.class, SIGNATURE_CHECK, summary.apply(update.digest()));
    verification =
        Async.function(
            signatures::verifySignature, new SignatureCheck(repository, update.digest(), rule));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
