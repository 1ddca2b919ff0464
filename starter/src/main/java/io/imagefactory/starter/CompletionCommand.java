package io.imagefactory.starter;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code image-factory completion}: prints the bash and zsh completion script. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the shell completion script (bash and zsh).",
      "Prints a completion script for bash and zsh of every command and option. Load it with:"
          + " source <(image-factory completion); zsh needs first: autoload -U +X compinit &&"
          + " compinit && autoload -U +X bashcompinit && bashcompinit"
    })
final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The script lists every command, so it is made from the whole tree, not the one run now.
    String script =
        AutoComplete.bash(spec.root().name(), StarterCli.withSubcommands(StarterCli.SUBCOMMANDS));
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
