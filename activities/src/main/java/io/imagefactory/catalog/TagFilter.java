package io.imagefactory.catalog;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.imagefactory.HumanText;
import io.imagefactory.catalog.yaml.Quoted;
import java.util.Optional;

/**
 * One user tag regex ({@code allowTags}), compiled once and matched as Kargo matches its {@code
 * allowTagsRegexes} and {@code ignoreTagsRegexes}: RE2 syntax (Go's {@code regexp}), a match
 * anywhere in the tag ({@code MatchString}, so only {@code ^...$} pins the whole tag), in time
 * linear in the tag. Backreferences, lookarounds and possessive quantifiers do not exist in RE2; a
 * regex using them is refused with Go's own words, as Kargo would refuse it.
 *
 * <p>Every user regex in the product goes through this class; nothing else compiles one.
 */
public final class TagFilter {

  /** How RE2 reports {@code \1}: a backreference is just an escape it does not know. */
  private static final String BAD_ESCAPE = "invalid escape sequence: `\\";

  private final String regex;
  private final Pattern pattern;

  private TagFilter(String regex, Pattern pattern) {
    this.regex = regex;
    this.pattern = pattern;
  }

  /**
   * The filter of {@code regex}.
   *
   * @throws IllegalArgumentException with {@link #problem}'s reason when it is refused
   */
  public static TagFilter of(String regex) {
    Optional<String> limit = TagFilterLimits.problem(regex);
    if (limit.isPresent()) {
      throw new IllegalArgumentException(limit.get());
    }
    try {
      return new TagFilter(regex, Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "is not a regular expression Kargo accepts (RE2 syntax, as Go's regexp): "
              // The error quotes part of the regex, which may hold control characters.
              + HumanText.printable(e.getMessage(), 200)
              + "; Kargo would refuse it too"
              + hint(e.getMessage()));
    }
  }

  /** Why {@code regex} is refused, quoting it, or empty when it is a valid tag filter. */
  public static Optional<String> problem(String regex) {
    try {
      of(regex);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(Quoted.of(regex) + " " + e.getMessage());
    }
  }

  /** True when the regex matches somewhere in {@code tag}, as Kargo's {@code MatchString}. */
  public boolean matches(String tag) {
    return pattern.matcher(tag).find();
  }

  /** The regex as written. */
  public String regex() {
    return regex;
  }

  @Override
  public String toString() {
    return regex;
  }

  private static String hint(String message) {
    if (message.contains("(?=")
        || message.contains("(?!")
        || message.contains("(?<=")
        || message.contains("(?<!")) {
      return " (RE2 has no lookarounds)";
    }
    int escape = message.indexOf(BAD_ESCAPE);
    int after = escape + BAD_ESCAPE.length();
    if (escape >= 0 && after < message.length() && Character.isDigit(message.charAt(after))) {
      return " (RE2 has no backreferences)";
    }
    if (message.contains("`++`") || message.contains("`*+`") || message.contains("`?+`")) {
      return " (RE2 has no possessive quantifiers)";
    }
    return "";
  }
}
