package io.imagefactory.base;

/** Kargo reported a digest of the base's watched tag ({@code freight}: the Freight that carried it). */
public record DigestSeen(String digest, String tag, String freight) {}
