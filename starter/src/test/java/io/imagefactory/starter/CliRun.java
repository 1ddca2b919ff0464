package io.imagefactory.starter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * One run of the CLI with captured output. Output can be watched while the command runs, so a test
 * can act when a line appears rather than after a guessed pause.
 */
final class CliRun {

  private final WatchedWriter out = new WatchedWriter();
  private final WatchedWriter err = new WatchedWriter();
  private CompletableFuture<Integer> exit;

  /** Runs to the end and returns the run. */
  static CliRun run(String... args) {
    CliRun run = new CliRun();
    run.exit =
        CompletableFuture.completedFuture(
            StarterCli.run(new PrintWriter(run.out, true), new PrintWriter(run.err, true), args));
    return run;
  }

  /** Starts the CLI on another thread. */
  static CliRun start(String... args) {
    CliRun run = new CliRun();
    run.exit =
        CompletableFuture.supplyAsync(
            () ->
                StarterCli.run(
                    new PrintWriter(run.out, true), new PrintWriter(run.err, true), args));
    return run;
  }

  /** Starts a command other than through the CLI's entry point, with the run's writers. */
  static CliRun start(BiFunction<PrintWriter, PrintWriter, Integer> command) {
    CliRun run = new CliRun();
    run.exit =
        CompletableFuture.supplyAsync(
            () -> command.apply(new PrintWriter(run.out, true), new PrintWriter(run.err, true)));
    return run;
  }

  int exitCode() {
    try {
      return exit.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the CLI did not finish: " + this, e);
    }
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** Waits until the output contains the text. */
  void awaitOut(String text, Duration timeout) {
    out.await(text, timeout, this);
  }

  @Override
  public String toString() {
    return "out:\n" + out + "\nerr:\n" + err;
  }

  /** A writer whose text can be awaited. */
  private static final class WatchedWriter extends Writer {

    private final StringWriter text = new StringWriter();

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
      text.write(chars, offset, length);
      notifyAll();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    synchronized void await(String expected, Duration timeout, CliRun run) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (!text.toString().contains(expected)) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            throw new TimeoutException();
          }
          wait(left);
        }
      } catch (InterruptedException | TimeoutException e) {
        throw new AssertionError(
            "no '" + expected + "' in the output within " + timeout + "; " + run, e);
      }
    }

    @Override
    public synchronized String toString() {
      return text.toString();
    }
  }
}
