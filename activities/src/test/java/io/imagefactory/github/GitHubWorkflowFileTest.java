package io.imagefactory.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GitHubWorkflowFileTest {

  private static final String PATH = ".github/workflows/build.yml";

  static Stream<Arguments> triggers() {
    return Stream.of(
        arguments("on: workflow_dispatch", true, List.of()),
        arguments("on: push", false, List.of()),
        arguments("on: [push, workflow_dispatch]", true, List.of()),
        arguments("on:\n  - push\n  - pull_request", false, List.of()),
        arguments("on:\n  workflow_dispatch:", true, List.of()),
        arguments("on:\n  workflow_dispatch: {}", true, List.of()),
        arguments("on:\n  push:\n    branches: [main]\n  workflow_dispatch:", true, List.of()),
        arguments("on:\n  workflow_dispatch:\n    inputs:", true, List.of()),
        arguments(
            "on:\n  workflow_dispatch:\n    inputs:\n      tag:\n      env: {type: string}",
            true,
            List.of("env", "tag")),
        // YAML 1.1 reads these keys as the boolean true; GitHub reads them as "on".
        arguments("on:\n  workflow_dispatch:\n    inputs: {a: {}}", true, List.of("a")),
        arguments("\"on\": workflow_dispatch", true, List.of()),
        arguments("'on': [workflow_dispatch]", true, List.of()),
        arguments("true: workflow_dispatch", true, List.of()),
        arguments("name: no triggers\njobs: {}", false, List.of()),
        arguments("on:", false, List.of()),
        arguments("on: {}", false, List.of()),
        arguments("on:\n  workflow_call:\n    inputs: {a: {}}", false, List.of()));
  }

  @ParameterizedTest
  @MethodSource("triggers")
  void readsEveryFormOfOn(String yaml, boolean dispatchable, List<String> inputs)
      throws WorkflowFileException {
    GitHubWorkflowFile workflow = GitHubWorkflowFile.parse(PATH, yaml + "\n");

    assertThat(workflow.dispatchable()).isEqualTo(dispatchable);
    assertThat(workflow.declaredInputs()).containsExactlyElementsOf(inputs);
  }

  @Test
  void readsInputsWithRequiredDefaultTypeAndOptions() throws Exception {
    GitHubWorkflowFile workflow = GitHubWorkflowFile.parse(PATH, resource("dispatch.yml"));

    assertThat(workflow.runName())
        .contains("Rebuild ${{ inputs.image }} (${{ inputs.rebuild_id }})");
    assertThat(workflow.inputs().values())
        .containsExactly(
            new GitHubWorkflowFile.Input("base_image", true, null, null, List.of()),
            new GitHubWorkflowFile.Input("Debug", false, "false", "boolean", List.of()),
            new GitHubWorkflowFile.Input(
                "environment", true, "staging", "choice", List.of("staging", "production")),
            new GitHubWorkflowFile.Input("image", false, null, "string", List.of()),
            new GitHubWorkflowFile.Input("rebuild_id", false, "", "string", List.of()));
    assertThat(workflow.declaredInputs())
        .matches(names -> names.contains("DEBUG") && names.contains("Base_Image"), "ignores case");
  }

  static Stream<Arguments> configurations() {
    return Stream.of(
        arguments(Map.of("base_image", "${base.node.ref}"), List.of()),
        arguments(
            Map.of("BASE_IMAGE", "x", "debug", "true", "Environment", "production"), List.of()),
        arguments(
            Map.of(),
            List.of(PATH + " requires input 'base_image', which has no default: give it a value")),
        arguments(
            Map.of("base_image", ""),
            List.of(PATH + " requires input 'base_image', which has no default: give it a value")),
        arguments(
            Map.of("base_image", "x", "tag", "1.0", "arch", "amd64"),
            List.of(
                PATH
                    + " declares no input 'arch' (it declares base_image, Debug, environment,"
                    + " image, rebuild_id)",
                PATH
                    + " declares no input 'tag' (it declares base_image, Debug, environment,"
                    + " image, rebuild_id)")),
        arguments(
            Map.of("base_image", "x", "environment", "prod"),
            List.of(
                PATH
                    + " allows only \"staging\", \"production\" for input 'environment', not"
                    + " \"prod\"")),
        arguments(Map.of("base_image", "x", "environment", "${image.name}"), List.of()));
  }

  @ParameterizedTest
  @MethodSource("configurations")
  void reportsWhatGitHubWouldRefuse(Map<String, String> configured, List<String> problems)
      throws Exception {
    GitHubWorkflowFile workflow = GitHubWorkflowFile.parse(PATH, resource("dispatch.yml"));

    assertThat(workflow.problems(configured)).containsExactlyElementsOf(problems);
  }

  @Test
  void aWorkflowWithoutDispatchTriggerHasThatOneProblem() throws Exception {
    GitHubWorkflowFile workflow =
        GitHubWorkflowFile.parse(PATH, "on:\n  push:\n  pull_request:\njobs: {}\n");

    assertThat(workflow.problems(Map.of("environment", "production")))
        .containsExactly(
            PATH
                + " has no workflow_dispatch trigger (on: push, pull_request), so it cannot be"
                + " dispatched");
    assertThat(workflow.check(Map.of()).get(0).input()).isNull();
  }

  @Test
  void namesTheInputEachProblemIsAbout() throws Exception {
    GitHubWorkflowFile workflow = GitHubWorkflowFile.parse(PATH, resource("dispatch.yml"));

    assertThat(workflow.check(Map.of("tag", "1")))
        .extracting(problem -> problem.input())
        .containsExactly("tag", "base_image");
  }

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        arguments("", PATH + ": the file is empty"),
        arguments("- on\n- jobs\n", PATH + ":1:1: the workflow: expected a mapping"),
        arguments("on: [push\njobs: {}\n", PATH + ":2:"),
        arguments("on:\n  workflow_dispatch: yes please\n", PATH + ":2:22: workflow_dispatch:"),
        arguments(
            "on:\n  workflow_dispatch:\n    inputs: [a, b]\n",
            PATH + ":3:13: workflow_dispatch.inputs: expected a mapping of inputs, got a list"),
        arguments(
            "on:\n  workflow_dispatch:\n    inputs:\n      a: [x]\n",
            PATH + ":4:10: input 'a': expected a mapping"),
        arguments(
            "on:\n  workflow_dispatch:\n    inputs:\n      a: {type: choice, options: x}\n",
            PATH + ":4:34: input 'a': 'options' must be a list, got a string"),
        arguments("on: [{push: {}}]\n", PATH + ":1:6: an event of 'on': expected a string"),
        arguments("a: &a [*a]\n", PATH + ":1:"));
  }

  @ParameterizedTest
  @MethodSource("brokenFiles")
  void refusesFilesThatAreNotWorkflowsNamingPathAndLine(String yaml, String message) {
    assertThatThrownBy(() -> GitHubWorkflowFile.parse(PATH, yaml))
        .isInstanceOf(WorkflowFileException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(((WorkflowFileException) e).path()).isEqualTo(PATH));
  }

  @Test
  void refusesAnAliasBombBeforeExpandingIt() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      bomb.append(String.join(", ", Collections.nCopies(10, "*a" + (i - 1))));
      bomb.append("]\n");
    }
    bomb.append("on: workflow_dispatch\n");

    assertThatThrownBy(() -> GitHubWorkflowFile.parse(PATH, bomb.toString()))
        .isInstanceOf(WorkflowFileException.class)
        .hasMessageContaining(PATH)
        .hasMessageContaining("alias");
  }

  @Test
  void refusesJavaTypeTags() {
    assertThatThrownBy(
            () ->
                GitHubWorkflowFile.parse(
                    PATH,
                    "on: workflow_dispatch\nx: !!javax.script.ScriptEngineManager [!!java.net.URL"
                        + " [\"http://127.0.0.1/\"]]\n"))
        .isInstanceOf(WorkflowFileException.class)
        .hasMessageStartingWith(PATH + ":2:4: invalid YAML: Global tag is not allowed");
  }

  @Test
  void givesTheDispatcherTheDeclaredInputsOrNothingWhenItCannotTell() throws Exception {
    Optional<Set<String>> declared = GitHubWorkflowFile.declaredInputsOf(resource("dispatch.yml"));

    assertThat(declared).isPresent();
    assertThat(declared.get()).hasSize(5).matches(names -> names.contains("ENVIRONMENT"));
    assertThat(GitHubWorkflowFile.declaredInputsOf("on: push\n")).contains(Set.of());
    assertThat(GitHubWorkflowFile.declaredInputsOf("on: [push\n")).isEmpty();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GitHubWorkflowFileTest.class.getResourceAsStream("/github/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
