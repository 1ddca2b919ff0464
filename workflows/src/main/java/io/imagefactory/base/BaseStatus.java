package io.imagefactory.base;

/** The full state of a base-image workflow, as its query returns it. */
public record BaseStatus(BaseSetup state, String details) {}
