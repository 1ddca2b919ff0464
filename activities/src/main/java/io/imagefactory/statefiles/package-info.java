/**
 * The state files: {@code images/<name>.yaml} and {@code base-images/<name>.yaml} (seed 004).
 * {@link io.imagefactory.statefiles.StateFileStore} reads and writes them deterministically,
 * keeping fields it does not know; {@link io.imagefactory.statefiles.StateSnapshotReader} and
 * {@link io.imagefactory.statefiles.StateDirectoryReader} build a {@link
 * io.imagefactory.statefiles.StateSnapshot} from (path, bytes) or a directory; {@link
 * io.imagefactory.statefiles.RuntimeRecords} moves an image workflow's runtime into its state file
 * and back.
 */
package io.imagefactory.statefiles;
