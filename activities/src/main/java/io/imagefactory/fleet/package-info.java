/**
 * The fleet view of the state files: how each image is classified (kind, status) and when it is
 * stale. One rule for every reader, so the worker's {@code image_factory_images_*} gauges and
 * {@code image-factory report} always agree.
 *
 * <p>Tests: {@code mvn -o -q test -pl activities -am -Dtest='io.imagefactory.fleet.*Test'
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package io.imagefactory.fleet;
