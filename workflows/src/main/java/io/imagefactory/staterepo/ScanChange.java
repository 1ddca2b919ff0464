package io.imagefactory.staterepo;

import io.imagefactory.vulnerability.ScanSummary;

/**
 * Record a vulnerability scan of one digest in the state file of the entity that owns it: {@code
 * base-images/<owner>.yaml} for a base image, {@code images/<owner>.yaml} for an external image.
 *
 * @param base true for a base image, false for an external image
 */
public record ScanChange(String owner, boolean base, ScanSummary summary) implements StateChange {}
