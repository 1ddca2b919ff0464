package io.imagefactory.catalog;

import io.imagefactory.signature.VerifyRule;
import java.util.List;
import java.util.Optional;

/**
 * The images enrolled in one {@code images.yaml}, valid and in file order.
 *
 * @param verifyRules the {@code verify:} rules, in file order: the first that matches a base
 *     repository applies to it
 */
public record Catalog(List<ImageEntry> entries, List<VerifyRule> verifyRules) {

  public Catalog {
    entries = List.copyOf(entries);
    verifyRules = verifyRules == null ? List.of() : List.copyOf(verifyRules);
  }

  /** A catalog without {@code verify:} rules. */
  public Catalog(List<ImageEntry> entries) {
    this(entries, List.of());
  }

  /** The rule that covers {@code repository} ({@code registry/path}), if any. */
  public Optional<VerifyRule> verifyRuleFor(String repository) {
    return verifyRules.stream().filter(rule -> rule.matches(repository)).findFirst();
  }

  /** The entry named {@code name}, if enrolled. */
  public Optional<ImageEntry> find(String name) {
    return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  /** The names of the enrolled images, in file order. */
  public List<String> names() {
    return entries.stream().map(ImageEntry::name).toList();
  }
}
