/**
 * The developer portal: Backstage catalog entities rendered from the state files.
 *
 * <p>{@link io.imagefactory.backstage.BackstageCatalogRenderer} turns every image and base image
 * into a {@code Resource} of type {@code container-image} with {@code dependsOn} its bases, owner
 * and system from {@code images.yaml} (through the state files' {@code enrollment} block) or from
 * {@link io.imagefactory.backstage.BackstageSettings}, and annotations and links to the registry,
 * the source, the build workflow, the state file and the last rebuild. {@link
 * io.imagefactory.backstage.BackstageDerivedFiles} renders {@code dist/backstage/catalog-info.yaml}
 * in every state-repository commit, re-rendering only the entities of changed state files. Depends
 * on {@code catalog} (state records, entity-reference rules), {@code kargo} (the YAML writer) and
 * {@code staterepo} (the derived-files hook); nothing depends on it but the wiring.
 */
package io.imagefactory.backstage;
