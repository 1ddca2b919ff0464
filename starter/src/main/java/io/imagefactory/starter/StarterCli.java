package io.imagefactory.starter;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code image-factory} command. */
@Command(
    name = "image-factory",
    mixinStandardHelpOptions = true,
    version = "image-factory 0.1.0",
    description = "Keeps container images rebuilt on fresh base images.",
    // One subcommand per line, so adding one is a one-line change.
    subcommands = {
      CommandLine.HelpCommand.class,
      AnalyzeCommand.class,
      EnrollCommand.class,
      ReanalyzeCommand.class,
      StatusCommand.class,
      EventCommand.class,
      ApproveCommand.class,
      RebuildCommand.class,
      GraphCommand.class,
      RenderCommand.class,
      PlanCommand.class,
    })
public final class StarterCli {

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the CLI with the given streams and returns the exit code, so tests can call it. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new StarterCli());
    // Escapes would be quoted by the printable writers, so help is printed without colour.
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cli.setOut(PrintableWriter.wrap(out));
    cli.setErr(PrintableWriter.wrap(err));
    // Usage errors keep picocli's exit code 2, which is ExitCodes.INVALID_INPUT.
    cli.setExecutionExceptionHandler(ExitCodes.handler());
    return cli.execute(args);
  }
}
