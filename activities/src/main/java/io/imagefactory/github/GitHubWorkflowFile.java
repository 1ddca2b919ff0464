package io.imagefactory.github;

import io.imagefactory.rebuild.InputProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A GitHub Actions workflow file ({@code .github/workflows/<name>}) as far as dispatching it goes:
 * whether it has a {@code workflow_dispatch} trigger, the inputs that trigger declares, and the
 * {@code run-name}. Pure; parsed under the limits every hand-written YAML file gets.
 *
 * <p>GitHub treats input names without regard to case, and so does everything here.
 */
public final class GitHubWorkflowFile {

  /** Where GitHub looks for workflow files. */
  public static final String DIRECTORY = ".github/workflows/";

  /**
   * One input of the {@code workflow_dispatch} trigger.
   *
   * @param name as declared
   * @param required {@code required: true}; false when absent
   * @param defaultValue the {@code default} as written, or null when there is none
   * @param type {@code string}, {@code boolean}, {@code choice}, {@code number}, {@code
   *     environment}; null when not given (a string)
   * @param options the allowed values of a {@code choice} input
   */
  public record Input(
      String name, boolean required, String defaultValue, String type, List<String> options) {

    public Input {
      options = options == null ? List.of() : List.copyOf(options);
    }

    boolean needsValue() {
      return required && defaultValue == null;
    }
  }

  private final String path;
  private final List<String> triggers;
  private final boolean dispatchable;
  private final Map<String, Input> inputs;
  private final String runName;

  GitHubWorkflowFile(
      String path,
      List<String> triggers,
      boolean dispatchable,
      List<Input> inputs,
      String runName) {
    this.path = path;
    this.triggers = List.copyOf(triggers);
    this.dispatchable = dispatchable;
    Map<String, Input> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    inputs.forEach(input -> byName.putIfAbsent(input.name(), input));
    this.inputs = Collections.unmodifiableMap(byName);
    this.runName = runName;
  }

  /**
   * Parses {@code text}.
   *
   * @param path the file's path in its repository, used in messages
   * @throws WorkflowFileException when it is not YAML, breaks a limit, or is not shaped like a
   *     workflow; the message names the path and, where known, the line
   */
  public static GitHubWorkflowFile parse(String path, String text) throws WorkflowFileException {
    return WorkflowFileReader.read(path, text);
  }

  /**
   * The inputs the workflow's {@code workflow_dispatch} declares (none when it has no such
   * trigger), or empty when {@code text} cannot be parsed, so a caller cannot tell what to send.
   * The set ignores case, as GitHub does.
   */
  public static Optional<Set<String>> declaredInputsOf(String text) {
    try {
      return Optional.of(parse("workflow", text).declaredInputs());
    } catch (WorkflowFileException e) {
      return Optional.empty();
    }
  }

  public String path() {
    return path;
  }

  /** True when the workflow has a {@code workflow_dispatch} trigger. */
  public boolean dispatchable() {
    return dispatchable;
  }

  /** The declared input names, sorted; {@code contains} ignores case. */
  public Set<String> declaredInputs() {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    inputs.values().forEach(input -> names.add(input.name()));
    return Collections.unmodifiableSet(names);
  }

  /** The declared inputs, by name (ignoring case). */
  public Map<String, Input> inputs() {
    return inputs;
  }

  /** The {@code run-name} expression, as written. */
  public Optional<String> runName() {
    return Optional.ofNullable(runName);
  }

  /** {@link #check} as sentences. */
  public List<String> problems(Map<String, String> configuredInputs) {
    return check(configuredInputs).stream().map(InputProblem::message).toList();
  }

  /**
   * What would make GitHub refuse a dispatch with {@code configuredInputs}: no {@code
   * workflow_dispatch} trigger; an input the workflow does not declare (GitHub answers 422); a
   * literal value a {@code choice} input does not allow; a required input without default that gets
   * no value. Values with placeholders are checked by {@code RebuildInputs}.
   */
  public List<InputProblem> check(Map<String, String> configuredInputs) {
    if (!dispatchable) {
      String on = triggers.isEmpty() ? "no triggers" : "on: " + String.join(", ", triggers);
      return List.of(
          new InputProblem(
              null,
              path + " has no workflow_dispatch trigger (" + on + "), so it cannot be dispatched"));
    }
    List<InputProblem> problems = new ArrayList<>();
    Map<String, String> configured = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    configured.putAll(configuredInputs);
    new TreeMap<>(configuredInputs).forEach((name, value) -> checkValue(name, value, problems));
    for (Input input : inputs.values()) {
      String value = configured.get(input.name());
      if (input.needsValue() && (value == null || value.isEmpty())) {
        problems.add(
            new InputProblem(
                input.name(),
                path
                    + " requires input '"
                    + input.name()
                    + "', which has no default: give it a value"));
      }
    }
    return problems;
  }

  private void checkValue(String name, String value, List<InputProblem> problems) {
    Input input = inputs.get(name);
    if (input == null) {
      String declared =
          inputs.isEmpty()
              ? "it declares no inputs"
              : "it declares " + String.join(", ", declaredInputs());
      problems.add(
          new InputProblem(name, path + " declares no input '" + name + "' (" + declared + ")"));
      return;
    }
    boolean literal = value != null && !value.contains("${");
    if ("choice".equals(input.type())
        && literal
        && !input.options().isEmpty()
        && !input.options().contains(value)) {
      problems.add(
          new InputProblem(
              name,
              path
                  + " allows only "
                  + input.options().stream()
                      .map(o -> "\"" + o + "\"")
                      .collect(Collectors.joining(", "))
                  + " for input '"
                  + input.name()
                  + "', not \""
                  + value
                  + "\""));
    }
  }
}
