package io.imagefactory.staterepo;

import io.temporal.workflow.SignalMethod;

/**
 * A workflow that submits state changes to the single writer and hears back by signal, so no thread
 * or activity slot waits for the commit. Every submitting workflow interface extends it.
 */
public interface StateRepoSubmitter {

  /** The signal's name, for the writer's client that sends it by workflow id. */
  String ACKNOWLEDGED = "stateRepoAcknowledged";

  /** The writer committed or refused a batch this workflow submitted; a stale answer is ignored. */
  @SignalMethod(name = ACKNOWLEDGED)
  void acknowledged(Acknowledgement acknowledgement);
}
