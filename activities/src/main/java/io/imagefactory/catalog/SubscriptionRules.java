package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import java.util.List;
import java.util.Optional;

/**
 * Rules for the fields of an {@code images.yaml} entry that become a Kargo image subscription:
 * {@code allowTags} and {@code imageSelectionStrategy}. Each returns what is wrong, quoting the
 * value, or empty.
 */
final class SubscriptionRules {

  /** The strategies a Kargo Warehouse image subscription accepts. */
  static final List<String> STRATEGIES = List.of("SemVer", "Lexical", "Digest", "NewestBuild");

  private SubscriptionRules() {}

  static Optional<String> allowTags(String regex) {
    return TagFilter.problem(regex);
  }

  static Optional<String> strategy(String strategy) {
    if (STRATEGIES.contains(strategy)) {
      return Optional.empty();
    }
    String hint =
        STRATEGIES.stream()
            .filter(known -> known.equalsIgnoreCase(strategy))
            .map(known -> " (did you mean " + known + "?)")
            .findFirst()
            .orElse("");
    return Optional.of(
        Quoted.of(strategy) + " is not one of " + String.join(", ", STRATEGIES) + hint);
  }
}
