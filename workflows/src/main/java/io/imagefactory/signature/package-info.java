/**
 * Signature verification of base-image digests: the {@code verify:} rules of {@code images.yaml},
 * the activity that checks a digest's signatures, and the verdict a base hands its dependents.
 */
package io.imagefactory.signature;
