package io.imagefactory.budget;

/**
 * The limits of one CI host where they differ from the defaults; a null field keeps the default.
 *
 * @param runsPerRepository runs in flight at once per repository on this host
 * @param runs runs in flight at once on the whole host
 * @param dispatchesPerHour dispatches in any sliding hour on this host
 */
public record HostBudget(Integer runsPerRepository, Integer runs, Integer dispatchesPerHour) {}
