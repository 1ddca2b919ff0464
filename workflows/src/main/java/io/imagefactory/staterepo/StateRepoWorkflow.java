package io.imagefactory.staterepo;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The single writer of the state repository ({@code state-repo}): every change the system makes
 * goes through it, so commits are serialised and batched.
 */
@WorkflowInterface
public interface StateRepoWorkflow {

  @WorkflowMethod
  void run(StateRepoSettings settings);

  /** Queues a batch and returns once it is committed (or rejected). A repeated batch id is answered from memory. */
  @UpdateMethod
  CommitOutcome submit(StateChangeBatch batch);

  @UpdateValidatorMethod(updateName = "submit")
  void validateSubmit(StateChangeBatch batch);

  @QueryMethod
  StateRepoStatus status();
}
