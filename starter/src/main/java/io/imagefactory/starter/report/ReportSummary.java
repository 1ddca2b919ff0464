package io.imagefactory.starter.report;

import java.util.Map;

/**
 * The summary table of a report.
 *
 * @param counts per kind (managed, external, base), per status, how many images; every kind and
 *     status, in the order the worker's gauges use, zeros included
 * @param stale how many managed images are stale
 * @param managed how many managed images there are
 * @param rebuildsByOutcome per latest outcome, how many rebuilds were asked for in the period,
 *     sorted by outcome; empty when the source has no history
 * @param rebuilds how many rebuilds were asked for in the period
 */
public record ReportSummary(
    Map<String, Map<String, Integer>> counts,
    int stale,
    int managed,
    Map<String, Integer> rebuildsByOutcome,
    int rebuilds) {}
