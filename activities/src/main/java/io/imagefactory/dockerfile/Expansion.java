package io.imagefactory.dockerfile;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A word after variable expansion.
 *
 * @param value the expanded text; an unset variable contributed nothing to it
 * @param unset the names used without a value (plain {@code $NAME} or {@code ${NAME}}), in order;
 *     when not empty the value is incomplete
 */
record Expansion(String value, Set<String> unset) {

  Expansion {
    unset = Collections.unmodifiableSet(new LinkedHashSet<>(unset));
  }

  boolean complete() {
    return unset.isEmpty();
  }
}
