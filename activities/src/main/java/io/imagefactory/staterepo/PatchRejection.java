package io.imagefactory.staterepo;

/**
 * A patch that was not applied because it threw, for instance by trying to write {@code
 * images.yaml} or a path outside the repository.
 *
 * @param index the patch's position in the batch
 * @param patch its description
 * @param reason why it was rejected
 */
public record PatchRejection(int index, String patch, String reason) {}
