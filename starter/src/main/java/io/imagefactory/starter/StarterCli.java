package io.imagefactory.starter;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code image-factory} command. */
@Command(
    name = "image-factory",
    mixinStandardHelpOptions = true,
    version = "image-factory 0.1.0",
    description = "Keeps container images rebuilt on fresh base images.")
public final class StarterCli {

  /** The subcommands in the order the usage lists them; one a line, so adding one is one line. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          HistoryCommand.class,
          ReportCommand.class,
          DoctorCommand.class,
          CompletionCommand.class);

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the CLI with the given streams and returns the exit code, so tests can call it. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    // Picocli builds a model of every subcommand it is given, by reflection, which costs more than
    // most commands take to run: give it only the one named, unless usage must list them all.
    Class<?> named = args.length == 0 ? null : named(args[0]);
    CommandLine cli = withSubcommands(named == null ? SUBCOMMANDS : List.of(named));
    // Escapes would be quoted by the printable writers, so help is printed without colour.
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cli.setOut(PrintableWriter.wrap(out));
    cli.setErr(PrintableWriter.wrap(err));
    // Usage errors keep picocli's exit code 2, which is ExitCodes.INVALID_INPUT.
    cli.setExecutionExceptionHandler(ExitCodes.handler());
    return cli.execute(args);
  }

  /** The root command with the given subcommands. */
  static CommandLine withSubcommands(List<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(new StarterCli());
    subcommands.forEach(cli::addSubcommand);
    return cli;
  }

  /** The subcommand called {@code name}, except {@code help}, which needs all the others. */
  private static Class<?> named(String name) {
    for (Class<?> subcommand : SUBCOMMANDS) {
      Command command = subcommand.getAnnotation(Command.class);
      if (command.name().equals(name) && subcommand != CommandLine.HelpCommand.class) {
        return subcommand;
      }
    }
    return null;
  }
}
