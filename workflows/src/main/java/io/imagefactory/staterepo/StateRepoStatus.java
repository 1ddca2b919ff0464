package io.imagefactory.staterepo;

/**
 * What the single writer is doing.
 *
 * @param queuedBatches batches waiting for the next commit
 * @param commits commits made by this run
 * @param lastCommitId the last commit made or found
 */
public record StateRepoStatus(int queuedBatches, int commits, String lastCommitId) {}
