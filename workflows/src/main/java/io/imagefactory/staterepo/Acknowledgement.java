package io.imagefactory.staterepo;

/**
 * The single writer's answer to one batch, signalled to its submitter.
 *
 * @param submitter the workflow that submitted the batch
 * @param batchId the batch answered
 * @param outcome what became of it: committed, unchanged, or refused with a reason
 */
public record Acknowledgement(String submitter, String batchId, CommitOutcome outcome) {}
