package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StarterCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void usageListsEverySubcommand() {
    assertThat(run("--help")).isZero();

    for (Class<?> subcommand : StarterCli.SUBCOMMANDS) {
      String name = subcommand.getAnnotation(picocli.CommandLine.Command.class).name();
      assertThat(out.toString()).contains("  " + name + " ");
    }
  }

  @Test
  void helpOfOneSubcommandNeedsOnlyThatOne() {
    assertThat(run("help", "render")).isZero();
    assertThat(out.toString()).contains("Usage: image-factory render");

    StringWriter direct = new StringWriter();
    StarterCli.run(new PrintWriter(direct, true), new PrintWriter(err, true), "render", "--help");
    assertThat(direct.toString()).isEqualTo(out.toString());
  }

  @Test
  void anUnknownSubcommandIsAUsageError() {
    assertThat(run("rendr")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("Unmatched argument at index 0: 'rendr'");
  }

  private int run(String... args) {
    return StarterCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
