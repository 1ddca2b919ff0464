package io.imagefactory.worker.config;

import io.imagefactory.vulnerability.Severity;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code image-factory.scan.*}: how {@code POST /api/v1/events/scan} reads vulnerability reports.
 *
 * @param listedFrom the lowest severity whose vulnerability ids a summary lists (counts cover every
 *     severity); a fast path for a lower severity than this never fires
 * @param maxReportSize reports with a larger body are refused with 413; Trivy reports are far
 *     larger than Kargo's events, so this limit replaces {@code webhook.max-body-size} there
 */
public record ScanProperties(
    @DefaultValue("HIGH") Severity listedFrom, @DefaultValue("8MB") DataSize maxReportSize) {}
