package io.imagefactory.signature;

import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.fulcio.client.FulcioVerifier;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.tuf.SigstoreTufClient;
import java.nio.file.Path;

/**
 * The Sigstore trusted root keyless signatures are checked against: its certificate authorities
 * (Fulcio), certificate-transparency logs and transparency logs (Rekor). Pinned from a {@code
 * trusted_root.json} file, which works offline; or Sigstore's public-good root, fetched through its
 * TUF repository the first time a keyless rule is checked. Loaded once, when first needed.
 */
public final class SigstoreTrust {

  private final String description;
  private final TrustedRootProvider provider;
  private volatile Loaded loaded;

  /** The root, and the verifiers built on it. */
  record Loaded(SigstoreTrustedRoot root, KeylessVerifier keyless, FulcioVerifier fulcio) {}

  private SigstoreTrust(String description, TrustedRootProvider provider) {
    this.description = description;
    this.provider = provider;
  }

  /** A pinned {@code trusted_root.json} (the Sigstore trusted-root format, version 0.1). */
  public static SigstoreTrust fromFile(Path trustedRoot) {
    return new SigstoreTrust(trustedRoot.toString(), TrustedRootProvider.from(trustedRoot));
  }

  /** Sigstore's public-good instance; needs its TUF repository over the network once. */
  public static SigstoreTrust publicGood() {
    return new SigstoreTrust(
        "Sigstore public-good (TUF)",
        TrustedRootProvider.from(SigstoreTufClient.builder().usePublicGoodInstance()));
  }

  /** Where the root comes from. */
  @Override
  public String toString() {
    return description;
  }

  /**
   * The root and its verifiers.
   *
   * @throws IllegalStateException saying why the root cannot be read
   */
  Loaded load() {
    Loaded current = loaded;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (loaded == null) {
        try {
          SigstoreTrustedRoot root = provider.get();
          loaded =
              new Loaded(
                  root,
                  KeylessVerifier.builder().trustedRootProvider(() -> root).build(),
                  FulcioVerifier.newFulcioVerifier(root));
        } catch (Exception e) {
          throw new IllegalStateException(
              "the Sigstore trusted root " + description + " cannot be read: " + firstLine(e), e);
        }
      }
      return loaded;
    }
  }

  /** The first line of {@code e}'s message, and of its cause's where that says more. */
  static String reason(Throwable e) {
    String reason = firstLine(e);
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null || reason.contains(firstLine(cause))
        ? reason
        : reason + ": " + firstLine(cause);
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }
}
