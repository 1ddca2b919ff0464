package io.imagefactory.starter.launcher;

/**
 * A stand-in for the command-line jar: prints its arguments and exits with the code it is given.
 */
public final class LauncherProbe {

  private LauncherProbe() {}

  public static void main(String[] args) {
    System.out.println("probe " + String.join(" ", args));
    System.exit(args.length > 1 && args[0].equals("exit") ? Integer.parseInt(args[1]) : 0);
  }
}
