package io.imagefactory.whatif;

import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.enrollment.EntitySetups;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.statefiles.StateSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code plan --what-if}: if a base got a new digest now, which images would take it as a candidate
 * (cascades included), when each would mature, and when the rebuild budget would dispatch each,
 * with every run taking the assumed duration. Reads only the state files it is given; the budget is
 * assumed idle (no other rebuild queued or running).
 */
public final class WhatIfPlanner {

  /** A typical image build on hosted runners; {@code --run-duration} overrides it. */
  public static final Duration DEFAULT_RUN_DURATION = Duration.ofMinutes(15);

  private static final Comparator<PlannedRebuild> ORDER =
      Comparator.comparing(
              PlannedRebuild::dispatchedAt, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(PlannedRebuild::image);

  /**
   * The preview for {@code reference} ({@code repoURL:tag}); throws {@link
   * IllegalArgumentException} for a malformed reference and {@link UnknownBaseException} for one
   * the state does not know.
   */
  public RebuildPreview plan(
      StateSnapshot state,
      String reference,
      Instant now,
      Duration runDuration,
      BudgetLimits limits) {
    if (runDuration == null || runDuration.isNegative() || runDuration.isZero()) {
      throw new IllegalArgumentException("the run duration must be positive, not " + runDuration);
    }
    WhatIfBase base = BaseFinder.find(state, BaseReference.parse(reference));
    Map<String, ImageConfig> configs = new TreeMap<>();
    for (ImageSetup setup : EntitySetups.of(state).images()) {
      configs.put(setup.config().name(), setup.config());
    }
    List<String> dependents =
        configs.values().stream()
            .filter(c -> c.baseImages().contains(base.name()))
            .map(ImageConfig::name)
            .toList();
    List<PlannedRebuild> rebuilds =
        new WhatIfSimulation(configs, limits, runDuration)
            .run(base.name(), dependents, now).stream().sorted(ORDER).toList();
    return new RebuildPreview(base, now, format(runDuration), limits, rebuilds);
  }

  /** {@code 15m}, {@code 1h30m}, {@code 45s}: the short form a rebuild delay is written in. */
  static String format(Duration duration) {
    StringBuilder text = new StringBuilder();
    long days = duration.toDays();
    if (days > 0) {
      text.append(days).append('d');
    }
    if (duration.toHoursPart() > 0) {
      text.append(duration.toHoursPart()).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append('m');
    }
    if (duration.toSecondsPart() > 0 || text.length() == 0) {
      text.append(duration.toSecondsPart()).append('s');
    }
    return text.toString();
  }
}
