package io.imagefactory.image;

import io.imagefactory.vulnerability.ScanSummary;

/** A vulnerability scan of a digest of one of the image's bases, handed on by the base. */
public record BaseScan(String baseImage, ScanSummary summary) {}
