package io.imagefactory;

/** The Temporal task queues Image Factory polls; the one place their names are written. */
public final class TaskQueues {

  /** Every workflow and activity of Image Factory runs on this queue. */
  public static final String MAIN = "image-factory";

  private TaskQueues() {}
}
