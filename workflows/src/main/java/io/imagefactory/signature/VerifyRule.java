package io.imagefactory.signature;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.regex.Pattern;

/**
 * One {@code verify:} rule of {@code images.yaml}: which base repositories it covers and how their
 * digests must be signed. The same record is written to a base image's state file.
 *
 * @param repository a glob over the normalised repository ({@code docker.io/library/*}): {@code *}
 *     stays within one path segment, {@code **} crosses them, {@code ?} is one character
 * @param key a PEM public key file in the state repository (cosign key-based signatures)
 * @param identity keyless: the certificate identity the signature must carry
 * @param identityRegex keyless: a regular expression the certificate identity must match
 * @param issuer keyless: the OIDC issuer of the certificate
 * @param mode {@link #ENFORCE} (an unverified digest is held) or {@link #WARN} (built, flagged)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"repository", "key", "identity", "identityRegex", "issuer", "mode"})
public record VerifyRule(
    String repository,
    String key,
    String identity,
    String identityRegex,
    String issuer,
    String mode) {

  public static final String ENFORCE = "enforce";
  public static final String WARN = "warn";

  /** True when the rule covers {@code repository} ({@code registry/path}, normalised). */
  public boolean matches(String repository) {
    return repository != null && globPattern(this.repository).matcher(repository).matches();
  }

  /** True when an unverified digest must be held rather than built. */
  @JsonIgnore
  public boolean enforced() {
    return ENFORCE.equals(mode);
  }

  /** True for a certificate-identity rule rather than a public key. */
  @JsonIgnore
  public boolean keyless() {
    return key == null;
  }

  /** The regular expression a repository glob stands for. */
  public static Pattern globPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
