package io.imagefactory.signature;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a Fulcio signing certificate was issued to: its one subject alternative name (an e-mail
 * address or a URI, such as a CI workflow's) and the OIDC issuer that vouched for it (extension
 * {@code 1.3.6.1.4.1.57264.1.8}, a DER UTF8String, or the older {@code .1.1}, raw UTF-8).
 */
record FulcioIdentity(String identity, String issuer) {

  private static final String ISSUER_OID = "1.3.6.1.4.1.57264.1.8";
  private static final String ISSUER_OLD_OID = "1.3.6.1.4.1.57264.1.1";
  private static final int RFC822_NAME = 1;
  private static final int URI_NAME = 6;
  private static final byte OCTET_STRING = 0x04;
  private static final byte UTF8_STRING = 0x0c;

  /** The identity in {@code certificate}, or why it has none. */
  static FulcioIdentity of(X509Certificate certificate) throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    if (names == null || names.size() != 1) {
      throw new CertificateParsingException(
          "the signing certificate must have exactly one subject alternative name");
    }
    List<?> name = names.iterator().next();
    int type = (Integer) name.get(0);
    if (type != RFC822_NAME && type != URI_NAME) {
      throw new CertificateParsingException(
          "the signing certificate's subject alternative name is neither an e-mail nor a URI");
    }
    String issuer =
        derString(certificate, ISSUER_OID, UTF8_STRING)
            .or(() -> derString(certificate, ISSUER_OLD_OID, null))
            .orElseThrow(
                () ->
                    new CertificateParsingException(
                        "the signing certificate names no OIDC issuer"));
    return new FulcioIdentity((String) name.get(1), issuer);
  }

  /** Why this identity does not satisfy {@code rule}; empty when it does. */
  Optional<String> mismatch(VerifyRule rule) {
    boolean identityMatches =
        rule.identity() != null
            ? rule.identity().equals(identity)
            : Pattern.compile(rule.identityRegex()).matcher(identity).matches();
    if (!identityMatches) {
      String wanted =
          rule.identity() != null ? rule.identity() : "one matching " + rule.identityRegex();
      return Optional.of("signed by " + identity + ", not " + wanted);
    }
    if (!rule.issuer().equals(issuer)) {
      return Optional.of(
          "signed by "
              + identity
              + " with a certificate from issuer "
              + issuer
              + ", not "
              + rule.issuer());
    }
    return Optional.empty();
  }

  /**
   * The string in an extension's value: {@code tag} names the DER string type it is wrapped in, or
   * null for Fulcio's older raw bytes.
   */
  private static Optional<String> derString(X509Certificate certificate, String oid, Byte tag) {
    byte[] extension = certificate.getExtensionValue(oid);
    if (extension == null) {
      return Optional.empty();
    }
    byte[] value = derContent(extension, OCTET_STRING);
    if (value != null && tag != null) {
      value = derContent(value, tag);
    }
    return value == null
        ? Optional.empty()
        : Optional.of(new String(value, StandardCharsets.UTF_8));
  }

  /** The content of a DER element of type {@code tag}, or null when it is not one. */
  private static byte[] derContent(byte[] der, byte tag) {
    if (der.length < 2 || der[0] != tag) {
      return null;
    }
    int length = der[1] & 0xff;
    int start = 2;
    if (length > 0x7f) {
      int bytes = length & 0x7f;
      if (bytes > 3 || der.length < 2 + bytes) {
        return null;
      }
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | (der[2 + i] & 0xff);
      }
      start = 2 + bytes;
    }
    return start + length == der.length ? Arrays.copyOfRange(der, start, der.length) : null;
  }
}
