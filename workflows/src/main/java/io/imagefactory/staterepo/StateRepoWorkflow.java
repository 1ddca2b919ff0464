package io.imagefactory.staterepo;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The single writer of the state repository ({@code state-repo}): every change the system makes
 * goes through it, so commits are serialised and batched.
 */
@WorkflowInterface
public interface StateRepoWorkflow {

  /** The static summary an operator reads in the Temporal UI's workflow list. */
  String STATIC_SUMMARY = "state-repo writer: the only committer to the state repository";

  /** The static details. */
  String STATIC_DETAILS =
      "Takes state change batches from the image, base and enrollment workflows, batches them"
          + " for a short window, applies them on a fresh tip, renders dist/, commits once and"
          + " pushes, and answers every submitter with the commit.";

  @WorkflowMethod
  void run(StateRepoSettings settings);

  /**
   * Queues a batch for the next commit and, once it is committed or refused, acknowledges it to
   * {@link StateChangeBatch#submitter()}. A redelivered batch id is acknowledged again from memory,
   * not applied twice.
   */
  @SignalMethod
  void submit(StateChangeBatch batch);

  @QueryMethod
  StateRepoStatus status();
}
