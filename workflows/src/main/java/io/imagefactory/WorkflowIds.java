package io.imagefactory;

/** Workflow ids come from business keys, so a redelivered event finds the same workflow. */
public final class WorkflowIds {

  public static final String ENROLLMENT = "enrollment";
  public static final String STATE_REPO = "state-repo";
  public static final String DRIFT = "drift";
  public static final String REBUILD_BUDGET = "rebuild-budget";

  private WorkflowIds() {}

  public static String image(String name) {
    return "image/" + name;
  }

  public static String base(String name) {
    return "base/" + name;
  }
}
