/**
 * The catalog: {@code images.yaml}. {@link io.imagefactory.catalog.CatalogLoader} validates it
 * (composed by {@code catalog.yaml} under size, depth and alias limits, so every error carries line
 * and column) and reports every problem of the file at once in a {@link
 * io.imagefactory.catalog.CatalogException}; {@link io.imagefactory.catalog.ImageEntry} is one
 * valid entry.
 *
 * <p>Tests: {@code mvn -o -q test -pl activities -am -Dtest='io.imagefactory.catalog.*Test'
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package io.imagefactory.catalog;
