package io.imagefactory.starter;

import java.io.PrintWriter;
import java.util.List;

/** Prints the lines of {@code doctor} and sums them up into an exit code. */
final class DoctorReport {

  private DoctorReport() {}

  /** One line a check, its fix indented under it; the exit code of the first failure, or OK. */
  static int print(List<DoctorCheck> checks, PrintWriter out) {
    int width = checks.stream().mapToInt(c -> c.subject().length()).max().orElse(0);
    int exitCode = ExitCodes.OK;
    int failed = 0;
    int warned = 0;
    for (DoctorCheck check : checks) {
      out.printf(
          "%-4s  %-" + width + "s  %s%n", check.verdict().label, check.subject(), check.detail());
      if (!check.fix().isEmpty()) {
        out.printf("%-4s  %-" + width + "s  fix: %s%n", "", "", check.fix());
      }
      if (check.verdict() == DoctorCheck.Verdict.FAIL) {
        failed++;
        exitCode = exitCode == ExitCodes.OK ? check.exitCode() : exitCode;
      } else if (check.verdict() == DoctorCheck.Verdict.WARN) {
        warned++;
      }
    }
    out.println(
        failed == 0
            ? "All checks passed" + (warned == 0 ? "." : " (" + warned + " with a warning).")
            : failed + (failed == 1 ? " check failed." : " checks failed."));
    out.flush();
    return exitCode;
  }
}
