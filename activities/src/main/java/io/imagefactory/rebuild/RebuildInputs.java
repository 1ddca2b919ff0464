package io.imagefactory.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The placeholders of {@code source.workflowInputs}: input values (GitHub workflow inputs, GitLab
 * pipeline variables) may refer to the rebuild they are sent for. Pure.
 *
 * <ul>
 *   <li>{@code ${rebuild.id}}: the rebuild's id, {@code api#3}
 *   <li>{@code ${rebuild.reason}}: {@code timer}, {@code approval}, {@code now}, {@code cascade}
 *       or {@code retry}
 *   <li>{@code ${image.name}}: the image's name
 *   <li>{@code ${base.<base>.digest}}: the digest of that base the rebuild is for ({@code
 *       sha256:...}), empty when it is for none
 *   <li>{@code ${base.<base>.ref}}: that base pinned to the digest, {@code
 *       docker.io/library/node:22-bookworm-slim@sha256:...}, or its tag reference when the rebuild
 *       is for no digest of it
 * </ul>
 *
 * <p>{@code $${} is a literal {@code ${}, read left to right; any other {@code $} is itself.
 * Inputs that pin every base build exactly the digests that matured, never whatever a tag points
 * to at build time.
 */
public final class RebuildInputs {

  private static final String KNOWN =
      "use ${rebuild.id}, ${rebuild.reason}, ${image.name}, ${base.<base>.digest} or"
          + " ${base.<base>.ref}; $${ is a literal ${";

  private RebuildInputs() {}

  /** {@link #check} and {@link #checkBases} together, as sentences naming the input. */
  public static List<String> problems(Map<String, String> inputs, Collection<String> baseNames) {
    List<InputProblem> problems = new ArrayList<>(check(inputs));
    problems.addAll(checkBases(inputs, baseNames));
    return problems.stream().map(InputProblem::message).toList();
  }

  /** Unterminated {@code ${} and unknown placeholders, in input-name order. */
  public static List<InputProblem> check(Map<String, String> inputs) {
    List<InputProblem> problems = new ArrayList<>();
    for (Map.Entry<String, String> input : new TreeMap<>(inputs).entrySet()) {
      String name = input.getKey();
      for (Placeholders.Part part : Placeholders.parse(input.getValue())) {
        if (part instanceof Placeholders.Unterminated) {
          String message =
              "unterminated ${ in input '%s': \"%s\" (close it with }, or write $${ for a literal"
                  + " ${)";
          problems.add(new InputProblem(name, message.formatted(name, input.getValue())));
        } else if (part instanceof Placeholders.Reference ref && ref.kind() == null) {
          String message = "unknown placeholder %s in input '%s' (%s)";
          problems.add(new InputProblem(name, message.formatted(ref.text(), name, KNOWN)));
        }
      }
    }
    return problems;
  }

  /** Placeholders naming a base the image is not built on, in input-name order. */
  public static List<InputProblem> checkBases(
      Map<String, String> inputs, Collection<String> baseNames) {
    Set<String> known = new TreeSet<>(baseNames);
    String bases = known.isEmpty() ? "it has none" : "its bases: " + String.join(", ", known);
    List<InputProblem> problems = new ArrayList<>();
    for (Map.Entry<String, String> input : new TreeMap<>(inputs).entrySet()) {
      String name = input.getKey();
      for (Placeholders.Reference ref : Placeholders.references(input.getValue())) {
        if (ref.base() != null && !known.contains(ref.base())) {
          String message = "%s in input '%s' names no base of this image (%s)";
          problems.add(new InputProblem(name, message.formatted(ref.text(), name, bases)));
        }
      }
    }
    return problems;
  }

  /**
   * The inputs with every placeholder filled in for {@code request}, sorted by name.
   *
   * @throws IllegalArgumentException for a placeholder {@link #check} or {@link #checkBases}
   *     reports; enrollment reports those first, so a dispatch should never meet one
   */
  public static Map<String, String> render(Map<String, String> inputs, RebuildRequest request) {
    Map<String, String> rendered = new TreeMap<>();
    inputs.forEach((name, value) -> rendered.put(name, render(name, value, request)));
    return Collections.unmodifiableMap(rendered);
  }

  /**
   * True when, for each of {@code unpinnedBases}, some input uses its {@code .digest} or {@code
   * .ref} placeholder: the rebuild then builds exactly the digests it is for.
   */
  public static boolean pinsEveryBase(
      Map<String, String> inputs, Collection<String> unpinnedBases) {
    return referencedBases(inputs).containsAll(unpinnedBases);
  }

  /** The bases whose {@code .digest} or {@code .ref} placeholder some input uses, sorted. */
  public static Set<String> referencedBases(Map<String, String> inputs) {
    Set<String> bases = new TreeSet<>();
    inputs.values().stream()
        .flatMap(value -> Placeholders.references(value).stream())
        .filter(ref -> ref.base() != null)
        .forEach(ref -> bases.add(ref.base()));
    return bases;
  }

  private static String render(String name, String value, RebuildRequest request) {
    StringBuilder text = new StringBuilder();
    for (Placeholders.Part part : Placeholders.parse(value)) {
      if (part instanceof Placeholders.Text literal) {
        text.append(literal.text());
      } else if (part instanceof Placeholders.Reference ref && ref.kind() != null) {
        text.append(valueOf(name, ref, request));
      } else {
        throw new IllegalArgumentException(
            "input '"
                + name
                + "' of image "
                + request.image()
                + ": cannot render \""
                + value
                + "\" ("
                + KNOWN
                + ")");
      }
    }
    return text.toString();
  }

  private static String valueOf(String name, Placeholders.Reference ref, RebuildRequest request) {
    return switch (ref.kind()) {
      case REBUILD_ID -> request.rebuildId();
      case REBUILD_REASON -> request.trigger();
      case IMAGE_NAME -> request.image();
      case BASE_DIGEST, BASE_REF -> baseValue(name, ref, request);
    };
  }

  private static String baseValue(String name, Placeholders.Reference ref, RebuildRequest request) {
    String digest = request.baseDigests().get(ref.base());
    String reference = request.baseReferences().get(ref.base());
    if (digest == null && reference == null) {
      throw new IllegalArgumentException(
          ref.text() + " in input '" + name + "' names no base of image " + request.image());
    }
    if (ref.kind() == Placeholders.Kind.BASE_DIGEST) {
      return digest == null ? "" : digest;
    }
    if (reference == null) {
      throw new IllegalArgumentException(
          ref.text() + " in input '" + name + "': no reference is known for that base");
    }
    if (digest == null) {
      return reference;
    }
    int at = reference.indexOf('@');
    return (at < 0 ? reference : reference.substring(0, at)) + "@" + digest;
  }
}
