package io.imagefactory.signature;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signature check as an activity, with its verdicts kept per repository, digest and rule: a
 * digest reached through several tags or bases is looked up once. A digest's signatures can still
 * appear later, so only a verified verdict is kept for good; the others for a minute, enough for
 * the bases that reach one digest through several tags at once.
 */
public class SignatureActivitiesImpl implements SignatureActivities {

  private static final Logger log = LoggerFactory.getLogger(SignatureActivitiesImpl.class);
  private static final int CACHED = 4096;

  /** Shorter than the first re-check of a held digest (five minutes), which must see news. */
  public static final Duration UNVERIFIED_KEPT = Duration.ofMinutes(1);

  private final SignatureVerifier verifier;
  private final long unverifiedKeptNanos;
  private final Map<SignatureCheck, Kept> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SignatureCheck, Kept> eldest) {
              return size() > CACHED;
            }
          });

  private record Kept(SignatureVerdict verdict, long atNanos) {}

  /**
   * @param hosts which registries are reached over plain HTTP
   * @param credentials the Docker {@code config.json} credentials, or {@link
   *     RegistryCredentials#none()}
   * @param keys where a rule's public key file is read
   * @param trust the Sigstore trusted root keyless rules are checked against
   */
  public SignatureActivitiesImpl(
      RegistryHosts hosts, RegistryCredentials credentials, KeySource keys, SigstoreTrust trust) {
    this(hosts, credentials, keys, trust, UNVERIFIED_KEPT);
  }

  /**
   * @param unverifiedKept how long a verdict that did not verify is answered from the cache
   */
  public SignatureActivitiesImpl(
      RegistryHosts hosts,
      RegistryCredentials credentials,
      KeySource keys,
      SigstoreTrust trust,
      Duration unverifiedKept) {
    this.verifier =
        new SignatureVerifier(
            new SignatureFinder(new RegistryClient(hosts, credentials)), keys, trust);
    this.unverifiedKeptNanos = unverifiedKept.toNanos();
  }

  @Override
  public SignatureVerdict verifySignature(SignatureCheck check) {
    Kept kept = cache.get(check);
    if (kept != null
        && (kept.verdict().verified()
            || System.nanoTime() - kept.atNanos() < unverifiedKeptNanos)) {
      return kept.verdict();
    }
    SignatureVerdict verdict = verifier.verify(check);
    cache.put(check, new Kept(verdict, System.nanoTime()));
    log.info(
        "{}@{}: {} ({})",
        check.repository(),
        check.digest(),
        verdict.verified() ? "signature verified" : "not verified",
        verdict.detail());
    return verdict;
  }
}
