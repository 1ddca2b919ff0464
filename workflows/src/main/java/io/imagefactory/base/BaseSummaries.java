package io.imagefactory.base;

import io.imagefactory.HumanText;
import io.imagefactory.UiSummaries;

/** What a base image workflow says it is for in the Temporal UI. */
public final class BaseSummaries {

  private BaseSummaries() {}

  /** The static summary, set when the workflow is started. */
  public static String workflow(BaseSetup setup) {
    return "base image "
        + UiSummaries.withoutUserInfo(setup.repoURL())
        + ":"
        + setup.tag()
        + ": fans new digests out to its dependents";
  }

  /** The signature check of a new digest, before it fans out. */
  public static String signatureCheck(BaseSetup setup, String digest) {
    return "check the signature of "
        + UiSummaries.withoutUserInfo(setup.repoURL())
        + "@"
        + HumanText.shortDigest(digest)
        + " ("
        + setup.verify().mode()
        + ") before it fans out";
  }

  /** The static details: the dependents when it was started; the details line has them now. */
  public static String details(BaseSetup setup) {
    return "dependents at start: " + String.join(", ", setup.dependents());
  }
}
