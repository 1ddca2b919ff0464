/**
 * The catalog: {@code images.yaml}, the state files, and the enrollment plan that merges them.
 *
 * <ul>
 *   <li>{@link io.imagefactory.catalog.CatalogLoader} validates {@code images.yaml} (composed with
 *       SnakeYAML under size, depth and alias limits, so every error carries line and column) and
 *       reports every problem of the file at once in a {@link
 *       io.imagefactory.catalog.CatalogException}.
 *   <li>{@link io.imagefactory.statefiles.StateFileStore} reads and writes {@code images/<name>.yaml}
 *       and {@code base-images/<name>.yaml} (seed 004) deterministically, keeping fields it does
 *       not know; {@link io.imagefactory.statefiles.StateSnapshotReader} and {@link
 *       io.imagefactory.statefiles.StateDirectoryReader} build a {@link
 *       io.imagefactory.statefiles.StateSnapshot} from (path, bytes) or a directory.
 *   <li>{@link io.imagefactory.enrollment.plan.EnrollmentPlanner} turns catalog, snapshot and analysis
 *       outcomes into an {@link io.imagefactory.enrollment.plan.EnrollmentPlan}: the exact file changes,
 *       none when nothing changed.
 * </ul>
 *
 * <p>Tests: {@code mvn -o -q test -pl activities -am -Dtest='io.imagefactory.catalog.*Test'
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package io.imagefactory.catalog;
