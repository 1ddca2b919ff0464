/**
 * Image references and names: parsing and normalising references by Docker's rules, Docker Hub's
 * aliases ({@link io.imagefactory.reference.DockerHub}), the planner's base identities, image and
 * base-image names, and the Kubernetes name rules of rendered objects.
 */
package io.imagefactory.reference;
