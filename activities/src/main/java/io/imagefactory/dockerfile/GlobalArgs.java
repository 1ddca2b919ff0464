package io.imagefactory.dockerfile;

import io.imagefactory.reference.Excerpt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The global ARGs: those declared before the first FROM, the only ones FROM lines see. A build arg
 * overrides a declared ARG's default; a default may use earlier global ARGs. BuildKit's automatic
 * platform ARGs have a value only when given as build args, since they depend on the build machine.
 */
final class GlobalArgs {

  private static final Set<String> PLATFORM_ARGS =
      Set.of(
          "BUILDPLATFORM",
          "BUILDOS",
          "BUILDARCH",
          "BUILDVARIANT",
          "TARGETPLATFORM",
          "TARGETOS",
          "TARGETARCH",
          "TARGETVARIANT");

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> whyUnset = new HashMap<>();

  private GlobalArgs() {}

  static GlobalArgs resolve(
      List<Instruction> argInstructions, Map<String, String> buildArgs, VariableExpander expander) {
    GlobalArgs args = new GlobalArgs();
    for (String name : PLATFORM_ARGS) {
      if (buildArgs.containsKey(name)) {
        args.values.put(name, buildArgs.get(name));
      }
    }
    for (Instruction instruction : argInstructions) {
      for (String word : ShellWords.split(instruction.arguments(), expander.escape())) {
        args.declare(word, buildArgs, expander);
      }
    }
    return args;
  }

  private void declare(String word, Map<String, String> buildArgs, VariableExpander expander) {
    int equals = word.indexOf('=');
    String name = equals < 0 ? word : word.substring(0, equals);
    String shown = Excerpt.of(name);
    if (buildArgs.containsKey(name)) {
      set(name, buildArgs.get(name));
    } else if (equals < 0) {
      // BuildKit gives a declared platform ARG its automatic value, which depends on the builder.
      values.remove(name);
      whyUnset.remove(name);
      if (!PLATFORM_ARGS.contains(name)) {
        whyUnset.put(name, "ARG " + shown + " has no default and no build arg sets it");
      }
    } else {
      // The default sees the ARGs declared so far, this one's earlier value included.
      String fallback = word.substring(equals + 1);
      try {
        Expansion expansion = expander.expand(fallback, values);
        if (expansion.complete()) {
          set(name, expansion.value());
        } else {
          String missing = expansion.unset().iterator().next();
          // An ARG built on one that failed reports that failure, not a chain of "no value".
          unset(
              name,
              whyUnset.containsKey(missing)
                  ? whyUnset.get(missing)
                  : "the default of ARG "
                      + shown
                      + " uses "
                      + Excerpt.of(String.join(", ", expansion.unset()))
                      + ", which has no value");
        }
      } catch (ExpansionException e) {
        unset(name, "the default of ARG " + shown + " cannot be expanded: " + e.getMessage());
      }
    }
  }

  private void set(String name, String value) {
    whyUnset.remove(name);
    values.put(name, value);
  }

  private void unset(String name, String why) {
    values.remove(name);
    whyUnset.put(name, why);
  }

  /** Name to value, for the ARGs that have one. */
  Map<String, String> values() {
    return values;
  }

  /** True for an automatic platform ARG that has no value: it depends on the build machine. */
  boolean isUnsetPlatformArg(String name) {
    return PLATFORM_ARGS.contains(name) && !values.containsKey(name) && !whyUnset.containsKey(name);
  }

  /** Why a name has no value, for a warning. */
  String explainUnset(String name) {
    if (whyUnset.containsKey(name)) {
      return whyUnset.get(name);
    }
    if (PLATFORM_ARGS.contains(name)) {
      return name + " depends on the build platform; pass it as a build arg";
    }
    return Excerpt.of(name) + " is not a global ARG (declare it before the first FROM)";
  }
}
