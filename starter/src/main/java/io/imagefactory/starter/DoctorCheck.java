package io.imagefactory.starter;

/**
 * One line of {@code doctor}: what was checked, what was found and, when it failed, how to fix it.
 *
 * @param verdict whether it passed
 * @param subject what was checked, as the line names it
 * @param detail what was found
 * @param fix what to do when it did not pass; empty otherwise
 * @param exitCode the exit code a failure maps to; {@link ExitCodes#OK} for the rest
 */
record DoctorCheck(Verdict verdict, String subject, String detail, String fix, int exitCode) {

  /** How a check ended; only {@link #FAIL} makes {@code doctor} fail. */
  enum Verdict {
    OK("ok"),
    WARN("warn"),
    FAIL("FAIL"),
    NOT_CHECKED("-");

    final String label;

    Verdict(String label) {
      this.label = label;
    }
  }

  static DoctorCheck ok(String subject, String detail) {
    return new DoctorCheck(Verdict.OK, subject, detail, "", ExitCodes.OK);
  }

  /** Passed as far as it could be checked; the fix says what was left open. */
  static DoctorCheck warn(String subject, String detail, String fix) {
    return new DoctorCheck(Verdict.WARN, subject, detail, fix, ExitCodes.OK);
  }

  static DoctorCheck fail(String subject, String detail, String fix, int exitCode) {
    return new DoctorCheck(Verdict.FAIL, subject, detail, fix, exitCode);
  }

  /** Nothing could be asked: a check it depends on failed, or nothing reports it. */
  static DoctorCheck notChecked(String subject, String why) {
    return new DoctorCheck(Verdict.NOT_CHECKED, subject, "not checked: " + why, "", ExitCodes.OK);
  }
}
