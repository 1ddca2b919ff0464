package io.imagefactory.starter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imagefactory.image.RebuildEntry;
import io.imagefactory.staterepo.RebuildHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON. Every object is built here field by field, so the field order is part of the
 * format and never depends on how a library orders record components; absent values are {@code
 * null}, never left out, so every object of a kind has the same fields.
 */
final class JsonReport implements ReportRenderer {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Override
  public String render(ComplianceReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("source", report.source());
    json.put("now", time(report.period().now()));
    json.put("since", time(report.period().since()));
    json.put("staleAfter", ReportCells.duration(report.period().staleAfter()));
    json.put("summary", summary(report));
    List<Object> images = new ArrayList<>();
    report.images().forEach(i -> images.add(image(i)));
    json.put("images", images);
    if (report.hasAudit()) {
      List<Object> audit = new ArrayList<>();
      report.audit().forEach(a -> audit.add(audit(a)));
      json.put("audit", audit);
    } else {
      json.put("audit", null);
    }
    json.put("problems", report.problems());
    try {
      return MAPPER.writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private static Map<String, Object> summary(ComplianceReport report) {
    ReportSummary s = report.summary();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("counts", s.counts());
    summary.put("managed", s.managed());
    summary.put("stale", s.stale());
    summary.put("rebuilds", report.hasAudit() ? s.rebuilds() : null);
    summary.put("rebuildsByOutcome", report.hasAudit() ? s.rebuildsByOutcome() : null);
    return summary;
  }

  private static Map<String, Object> image(ImageRow image) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", image.name());
    json.put("kind", image.kind());
    json.put("status", image.status());
    json.put("stale", image.stale());
    List<Object> bases = new ArrayList<>();
    for (BaseRow base : image.bases()) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("name", base.name());
      b.put("digest", base.digest());
      b.put("pinned", base.pinned());
      bases.add(b);
    }
    json.put("bases", bases);
    json.put("digest", image.digest());
    json.put("builtAt", time(image.builtAt()));
    json.put("ageDays", ReportCells.ageDays(image.age()));
    json.put("builtBy", image.builtBy());
    json.put("lastRebuild", rebuild(image.lastRebuild()));
    json.put("pendingRebuild", image.pendingRebuild());
    json.put("eligibleAt", time(image.eligibleAt()));
    json.put("behind", image.behind());
    return json;
  }

  private static Map<String, Object> rebuild(RebuildEntry rebuild) {
    if (rebuild == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", rebuild.rebuildId());
    json.put("requestedAt", time(rebuild.requestedAt()));
    json.put("trigger", rebuild.trigger());
    json.put("outcome", rebuild.outcome());
    json.put("runUrl", rebuild.runUrl());
    json.put("completedAt", time(rebuild.completedAt()));
    return json;
  }

  private static Map<String, Object> audit(AuditRow a) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("image", a.image());
    json.put("id", a.rebuildId());
    json.put("requestedAt", time(a.requestedAt()));
    json.put("trigger", a.trigger());
    json.put("outcome", a.outcome());
    json.put("runUrl", a.runUrl());
    json.put("completedAt", time(a.completedAt()));
    json.put("commit", a.commit());
    List<Object> steps = new ArrayList<>();
    for (RebuildHistory.Step step : a.steps()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("outcome", step.outcome());
      s.put("commit", step.commit());
      s.put("committedAt", time(step.committedAt()));
      steps.add(s);
    }
    json.put("outcomes", steps);
    return json;
  }

  private static String time(Instant at) {
    return at == null ? null : ReportCells.time(at);
  }
}
