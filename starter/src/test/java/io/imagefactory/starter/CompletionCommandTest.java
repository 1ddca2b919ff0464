package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class CompletionCommandTest {

  @Test
  void printsAScriptThatCompletesEverySubcommand() {
    CliRun run = CliRun.run("completion");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("complete -F _complete_image-factory -o default image-factory");
    for (Class<?> subcommand : StarterCli.SUBCOMMANDS) {
      String name = subcommand.getAnnotation(Command.class).name();
      assertThat(run.out()).as(name).containsPattern("local commands=\"[^\"]*\\b" + name + "\\b");
    }
  }

  @Test
  void completesTheOptionsOfASubcommand() {
    assertThat(CliRun.run("completion").out()).contains("--state-repo-branch");
  }
}
