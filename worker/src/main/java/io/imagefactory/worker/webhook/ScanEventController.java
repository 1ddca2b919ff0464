package io.imagefactory.worker.webhook;

import io.imagefactory.HumanText;
import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.vulnerability.ScanReportException;
import io.imagefactory.vulnerability.ScanSummary;
import io.imagefactory.vulnerability.TrivyReportReader;
import io.imagefactory.worker.config.ImageFactoryProperties;
import io.imagefactory.worker.temporal.TemporalDeadline;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageEventSignals.Delivery;
import io.imagefactory.worker.webhook.ImageEventSignals.Signal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events/scan[?digest=sha256:...]}: a Trivy JSON report ({@code trivy image
 * --format json}, schema version 2) about a digest of a base or external image. The report is
 * summarised (counts by severity, the ids at or above {@code image-factory.scan.listed-from}) and
 * the summary signalled to the workflows that own the digest, which record it and decide the fast
 * path.
 *
 * <p>The digest is {@code ?digest=} when given: a multi-platform tag's digest is the index's, while
 * Trivy's {@code RepoDigests} may name the platform manifest it scanned. Without it, the first of
 * the report's {@code Metadata.RepoDigests}, then {@code Metadata.ImageID}, that is tracked.
 * Answers: 202 with the summary and the signals; 400 naming the field at fault; 404 when no tracked
 * digest is named; 413 over {@code image-factory.scan.max-report-size}; 503 when an owner's
 * workflow is not running (an enrollment is requested) or Temporal is slow.
 */
@RestController
class ScanEventController {

  private static final Logger log = LoggerFactory.getLogger(ScanEventController.class);

  private final ImageDirectory directory;
  private final ScanSignals signals;
  private final EnrollmentRequester enrollments;
  private final Clock clock;
  private final TemporalDeadline temporal;
  private final TrivyReportReader reader;

  ScanEventController(
      ImageDirectory directory,
      ScanSignals signals,
      EnrollmentRequester enrollments,
      Clock clock,
      ImageFactoryProperties properties,
      Environment environment) {
    this.directory = directory;
    this.signals = signals;
    this.enrollments = enrollments;
    this.clock = clock;
    this.temporal = TemporalDeadline.forWebhook(properties, environment);
    this.reader = new TrivyReportReader(properties.scan().listedFrom());
  }

  @PostMapping(path = "/api/v1/events/scan")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted scanEvent(
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestParam(name = "digest", required = false) String digest,
      @RequestBody(required = false) byte[] body) {
    if (!StrictJson.isJson(contentType)) {
      throw ApiProblem.unsupportedMediaType(
          contentType == null ? null : HumanText.printable(contentType, 100));
    }
    if (digest != null && !TrivyReportReader.isDigest(digest)) {
      throw ApiProblem.badRequest("digest", "must be sha256: and 64 lower-case hex digits");
    }
    if (body == null || body.length == 0) {
      throw ApiProblem.badRequest("body", "a Trivy JSON report is required");
    }
    TrivyReportReader.Read read;
    try {
      read = reader.read(body);
    } catch (ScanReportException e) {
      throw ApiProblem.badRequest(e.field(), e.reason());
    }
    List<String> named = digest != null ? List.of(digest) : read.digests();
    if (named.isEmpty()) {
      throw ApiProblem.badRequest(
          "digest",
          "the report names no digest (Metadata.RepoDigests, Metadata.ImageID); pass"
              + " ?digest=sha256:...");
    }
    ScanTargets targets = ScanTargets.of(directory.states());
    FreshnessJson index = FreshnessJson.of(directory.freshness());
    String tracked =
        named.stream().filter(d -> !targets.ownersOf(d).isEmpty()).findFirst().orElse(null);
    if (tracked == null) {
      throw ApiProblem.notFound(
          "no base or external image has "
              + (named.size() == 1 ? "digest " + named.get(0) : "any of the digests " + named)
              + " as a current, recent or candidate digest in state commit "
              + index.commit()
              + "; a report about it would inform no rebuild",
          Map.of("digests", named, "stateIndex", index));
    }
    ScanSummary summary;
    try {
      summary = reader.summarise(read, tracked, clock.instant());
    } catch (ScanReportException e) {
      throw ApiProblem.badRequest(e.field(), e.reason());
    }
    List<Entry> owners = targets.ownersOf(tracked);
    Delivery delivery = temporal.call(() -> signals.deliver(summary, owners));
    log.info(
        "Scan of {} by {} ({}): signalled {}",
        tracked,
        summary.scanner(),
        summary.counts().describe(),
        delivery.sent());
    NotRunningOwners.requireRunning(delivery, "scan of " + tracked, temporal, enrollments);
    return new Accepted("accepted", summary, delivery.sent(), index);
  }

  /** The answer to an accepted report: its summary, the signals it became, the snapshot used. */
  record Accepted(
      String status, ScanSummary summary, List<Signal> signals, FreshnessJson stateIndex) {}
}
