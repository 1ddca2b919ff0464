package io.imagefactory.starter.report;

import io.imagefactory.fleet.ImageFacts;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.staterepo.RebuildHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ComplianceReport} from the state and its history: pure, so the same input and
 * period always give the same report. Status and staleness come from {@link ImageFacts}, the rule
 * the worker's gauges use.
 */
public final class ReportBuilder {

  private static final Comparator<AuditRow> OLDEST_FIRST =
      Comparator.comparing(AuditRow::requestedAt)
          .thenComparing(AuditRow::image)
          .thenComparing(AuditRow::rebuildId);

  private ReportBuilder() {}

  /** The report of {@code input} as of {@code period}. */
  public static ComplianceReport build(ReportInput input, ReportPeriod period) {
    StateSnapshot state = input.state();
    List<ImageRow> images = new ArrayList<>();
    Map<String, Map<String, Integer>> counts = emptyCounts();
    int stale = 0;
    int managed = 0;
    for (ImageState image : state.images().values()) {
      ImageFacts facts = ImageFacts.of(image);
      count(counts, facts);
      ImageRow row = row(image, facts, state, period);
      images.add(row);
      managed += image instanceof ManagedImageState ? 1 : 0;
      stale += row.stale() ? 1 : 0;
    }
    state.baseImages().values().forEach(base -> count(counts, ImageFacts.of(base)));
    List<AuditRow> audit = input.history() == null ? null : audit(input.history(), period);
    Map<String, Integer> byOutcome = new TreeMap<>();
    if (audit != null) {
      audit.forEach(a -> byOutcome.merge(a.outcome() == null ? "-" : a.outcome(), 1, Integer::sum));
    }
    List<String> problems = new ArrayList<>();
    state.problems().forEach(p -> problems.add(p.path() + ": " + p.reason()));
    problems.addAll(input.problems());
    problems.sort(Comparator.naturalOrder());
    ReportSummary summary =
        new ReportSummary(counts, stale, managed, byOutcome, audit == null ? 0 : audit.size());
    return new ComplianceReport(input.source(), period, summary, images, audit, problems);
  }

  private static ImageRow row(
      ImageState image, ImageFacts facts, StateSnapshot state, ReportPeriod period) {
    if (image instanceof ExternalImageState external) {
      return new ImageRow(
          external.name(),
          facts.kind(),
          facts.status(),
          bases(external.baseImages(), List.of(), state),
          external.currentDigest(),
          external.lastUpdated(),
          age(external.lastUpdated(), period.now()),
          null,
          null,
          false,
          null,
          0,
          false);
    }
    ManagedImageState m = (ManagedImageState) image;
    RebuildState rebuild = m.rebuildState() == null ? RebuildState.monitoring() : m.rebuildState();
    return new ImageRow(
        m.name(),
        facts.kind(),
        facts.status(),
        bases(m.baseImages(), m.pinnedBaseImages(), state),
        m.currentDigest(),
        m.lastBuilt(),
        age(m.lastBuilt(), period.now()),
        rebuild.lastBuiltBy(),
        rebuild.lastRebuild(),
        rebuild.pendingRebuild(),
        rebuild.eligibleAt(),
        rebuild.candidates().size(),
        facts.staleAt(period.now(), period.staleAfter()));
  }

  /** Each base with its current digest: a base image's file, else a managed or external image's. */
  private static List<BaseRow> bases(List<String> names, List<String> pinned, StateSnapshot state) {
    List<BaseRow> bases = new ArrayList<>();
    for (String name : names) {
      BaseImageState base = state.baseImages().get(name);
      ImageState image = state.images().get(name);
      String digest = null;
      if (base != null) {
        digest = base.currentDigest() != null ? base.currentDigest() : base.digest();
      } else if (image instanceof ManagedImageState m) {
        digest = m.currentDigest();
      } else if (image instanceof ExternalImageState e) {
        digest = e.currentDigest();
      }
      bases.add(new BaseRow(name, digest, pinned.contains(name)));
    }
    return bases;
  }

  private static List<AuditRow> audit(List<RebuildHistory.Entry> history, ReportPeriod period) {
    List<AuditRow> rows = new ArrayList<>();
    for (RebuildHistory.Entry entry : history) {
      if (!period.includes(entry.requestedAt())) {
        continue;
      }
      RebuildEntry r = entry.rebuild();
      rows.add(
          new AuditRow(
              entry.image(),
              r.rebuildId(),
              entry.requestedAt(),
              // The audit names the vulnerabilities a rebuild skipped its soak for.
              r.fastPath().isEmpty()
                  ? r.trigger()
                  : r.trigger() + " (fixes " + String.join(", ", r.fastPath()) + ")",
              r.outcome(),
              r.runUrl(),
              r.completedAt(),
              entry.commit(),
              entry.steps()));
    }
    rows.sort(OLDEST_FIRST);
    return rows;
  }

  private static Duration age(Instant at, Instant now) {
    return at == null ? null : Duration.between(at, now);
  }

  private static Map<String, Map<String, Integer>> emptyCounts() {
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    for (String kind : ImageFacts.KINDS) {
      Map<String, Integer> byStatus = new LinkedHashMap<>();
      ImageFacts.STATUSES.forEach(s -> byStatus.put(s, 0));
      counts.put(kind, byStatus);
    }
    return counts;
  }

  private static void count(Map<String, Map<String, Integer>> counts, ImageFacts facts) {
    counts.get(facts.kind()).merge(facts.status(), 1, Integer::sum);
  }
}
