package io.imagefactory.kargo;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Kubernetes reads manifests as YAML 1.1, where an unquoted {@code 2024-01-01} is a timestamp and
 * {@code 1:20} a sexagesimal number; a tag or name like that must stay a string.
 */
final class Yaml11Quoting extends StringQuotingChecker.Default {

  private static final long serialVersionUID = 1L;

  private static final Pattern YAML11_SCALAR =
      Pattern.compile(
          "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"
              + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
              + "|0o[0-7]+");

  /** Every form above starts with a digit or a sign; most values (names) do not. */
  private static boolean startsLikeANumber(String value) {
    char first = value.isEmpty() ? ' ' : value.charAt(0);
    return (first >= '0' && first <= '9') || first == '-' || first == '+';
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value)
        || (startsLikeANumber(value) && YAML11_SCALAR.matcher(value).matches());
  }
}
