package io.imagefactory.whatif;

import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.BudgetNotice;
import io.imagefactory.budget.BudgetQueue;
import io.imagefactory.budget.BudgetSetup;
import io.imagefactory.budget.BudgetTicket;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.RebuildPolicy;
import io.imagefactory.image.RebuildSchedule;
import io.imagefactory.statefiles.PendingDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A discrete-event run of the rebuild path every image workflow takes (candidate, maturity, window,
 * ticket, grant, run, cascade), over the very rules the workflows apply: {@link RebuildPolicy} for
 * maturity and what a rebuild consumes, {@link RebuildSchedule} for windows and tickets, {@link
 * BudgetQueue} for the budget's grants. A run lasts the assumed duration, and the rebuilt image's
 * new build is seen when it ends, which gives its dependents their candidate and the slot back, as
 * a build seen by Kargo does.
 */
final class WhatIfSimulation {

  /** A guard against a runaway plan; a cycle-free fleet of thousands needs far fewer. */
  static final int MAX_EVENTS = 1_000_000;

  private enum Kind {
    CANDIDATE,
    CHECK,
    BUDGET,
    RUN_END,
    WINDOW_CLOSE
  }

  private record Event(
      Instant at, long seq, Kind kind, String image, PendingDigest candidate, int level) {}

  private final Map<String, ImageConfig> configs;
  private final Duration runDuration;
  private final BudgetQueue queue;
  private final PriorityQueue<Event> events =
      new PriorityQueue<>(
          (a, b) ->
              a.at().equals(b.at()) ? Long.compare(a.seq(), b.seq()) : a.at().compareTo(b.at()));
  private final Map<String, List<PendingDigest>> pending = new HashMap<>();
  private final Map<String, Integer> levels = new HashMap<>();
  private final Map<String, String> vias = new HashMap<>();
  private final Map<String, Instant> candidateAt = new HashMap<>();
  private final Map<String, Instant> windowWaits = new HashMap<>();
  private final Map<String, String> ticketOf = new HashMap<>();
  private final Map<String, String> waits = new HashMap<>();
  private final Map<String, Integer> rebuildsOf = new HashMap<>();
  private final Map<String, Instant> requestedAt = new HashMap<>();
  private final Set<Instant> budgetWakes = new HashSet<>();
  private final List<PlannedRebuild> planned = new ArrayList<>();
  private long seq;

  WhatIfSimulation(Map<String, ImageConfig> configs, BudgetLimits limits, Duration runDuration) {
    this.configs = configs;
    this.runDuration = runDuration;
    this.queue = new BudgetQueue(limits, BudgetSetup.initial());
  }

  /** Runs from a new digest of {@code base}, first seen at {@code now}, seen by its dependents. */
  List<PlannedRebuild> run(String base, List<String> dependents, Instant now) {
    for (String dependent : dependents) {
      schedule(now, Kind.CANDIDATE, dependent, new PendingDigest(base, digestOf(base, 0), now), 1);
    }
    int handled = 0;
    while (!events.isEmpty()) {
      if (++handled > MAX_EVENTS) {
        throw new IllegalStateException(
            "the what-if did not settle within " + MAX_EVENTS + " events; is there a cycle?");
      }
      Event event = events.poll();
      switch (event.kind()) {
        case CANDIDATE -> candidate(event);
        case CHECK -> check(event.image(), event.at());
        case BUDGET -> grant(event.at());
        case RUN_END -> runEnded(event.image(), event.at());
        case WINDOW_CLOSE -> windowClosed(event.image(), event.at());
      }
    }
    return planned;
  }

  private void candidate(Event event) {
    ImageConfig config = configs.get(event.image());
    PendingDigest candidate = event.candidate();
    if (config == null
        || config.kind() != ImageKind.MANAGED
        || !config.baseImages().contains(candidate.baseImage())
        || config.dependentImages().contains(candidate.baseImage())) {
      return;
    }
    if (config.pinnedBaseImages().contains(candidate.baseImage())) {
      planned.add(
          unplanned(config, candidate, event.level(), "pinned by digest: reported, not rebuilt"));
      return;
    }
    levels.merge(config.name(), event.level(), Math::min);
    vias.putIfAbsent(config.name(), candidate.baseImage());
    candidateAt.putIfAbsent(config.name(), candidate.firstSeen());
    List<PendingDigest> next =
        RebuildPolicy.add(pendingOf(config.name()), candidate, config.rebuildDelay(), event.at());
    pending.put(config.name(), next);
    RebuildPolicy.rebuildDue(next, config.rebuildDelay())
        .ifPresent(due -> schedule(later(due, event.at()), Kind.CHECK, config.name(), null, 0));
  }

  /**
   * What the image workflow's loop does when it wakes: ask for a slot once due and in its window.
   */
  private void check(String image, Instant now) {
    ImageConfig config = configs.get(image);
    if (ticketOf.containsKey(image)) {
      return;
    }
    Optional<Instant> due = RebuildPolicy.rebuildDue(pendingOf(image), config.rebuildDelay());
    if (due.isEmpty()) {
      return;
    }
    if (due.get().isAfter(now)) {
      schedule(due.get(), Kind.CHECK, image, null, 0);
      return;
    }
    if (!config.buildErrors().isEmpty() || !config.autoRebuild()) {
      String why =
          config.autoRebuild()
              ? "rebuild target invalid: " + config.buildErrors().get(0)
              : "awaits approval (autoRebuild: false)";
      planned.add(record(config, due.get(), null, why));
      pending.remove(image);
      return;
    }
    Instant from = RebuildSchedule.dispatchableFrom(config, now);
    if (from.isAfter(now)) {
      windowWaits.putIfAbsent(image, from);
      schedule(from, Kind.CHECK, image, null, 0);
      return;
    }
    int attempt = rebuildsOf.merge(image, 1, Integer::sum);
    BudgetTicket ticket =
        RebuildSchedule.ticket(config, image + "/" + attempt, due.get(), now, false);
    queue.request(ticket, now);
    ticketOf.put(image, ticket.ticketId());
    requestedAt.put(image, now);
    wakeBudget(now.plus(BudgetQueue.GATHER));
    Instant closes = RebuildSchedule.windowClosesAfter(config, now);
    if (closes != null) {
      schedule(closes, Kind.WINDOW_CLOSE, image, null, 0);
    }
  }

  private void grant(Instant now) {
    budgetWakes.remove(now);
    for (BudgetTicket ticket : queue.grant(now)) {
      dispatch(configs.get(ticket.image()), now);
    }
    for (BudgetNotice notice : queue.notices(now)) {
      String image = imageOf(notice.ticketId());
      // A ticket still gathering is not waiting yet: it is granted at the end of its gathering.
      if (!requestedAt.get(image).plus(BudgetQueue.GATHER).isAfter(now)) {
        waits.putIfAbsent(image, why(notice));
      }
    }
    queue.nextChange(now).ifPresent(at -> wakeBudget(later(at, now)));
  }

  /** One wake per instant: the budget's loop also runs once for everything due then. */
  private void wakeBudget(Instant at) {
    if (budgetWakes.add(at)) {
      schedule(at, Kind.BUDGET, null, null, 0);
    }
  }

  private String why(BudgetNotice notice) {
    String image = imageOf(notice.ticketId());
    for (String base : configs.get(image).baseImages()) {
      ImageConfig baseConfig = configs.get(base);
      if (baseConfig != null && ticketOf.containsKey(base)) {
        return "after " + base + "'s run; " + notice.describe();
      }
    }
    return notice.describe();
  }

  private void dispatch(ImageConfig config, Instant now) {
    Instant due =
        RebuildPolicy.rebuildDue(pendingOf(config.name()), config.rebuildDelay()).orElse(now);
    RebuildPolicy.RebuildSelection selection =
        RebuildPolicy.select(
            pendingOf(config.name()), config.rebuildDelay(), now, false, config.pinsBases());
    pending.put(config.name(), selection.remaining());
    planned.add(record(config, due, now, waits.remove(config.name())));
    schedule(now.plus(runDuration), Kind.RUN_END, config.name(), null, 0);
  }

  private void runEnded(String image, Instant now) {
    ImageConfig config = configs.get(image);
    int level = levels.getOrDefault(image, 1);
    String digest = digestOf(image, rebuildsOf.getOrDefault(image, 1));
    for (String dependent : config.dependentImages()) {
      schedule(
          now, Kind.CANDIDATE, dependent, new PendingDigest(image, digest, now, true), level + 1);
    }
    queue.release(ticketOf.remove(image), now);
    schedule(now, Kind.CHECK, image, null, 0);
    wakeBudget(now);
  }

  /** A ticket still queued when the window closes is given back; it asks again at the opening. */
  private void windowClosed(String image, Instant now) {
    String ticket = ticketOf.get(image);
    if (ticket != null && !queue.isGranted(ticket) && queue.holderOf(ticket) != null) {
      queue.release(ticket, now);
      ticketOf.remove(image);
      waits.merge(image, "window closed while queued", (a, b) -> a + "; " + b);
      schedule(now, Kind.CHECK, image, null, 0);
    }
  }

  private PlannedRebuild record(
      ImageConfig config, Instant due, Instant dispatchedAt, String wait) {
    Instant opens = windowWaits.remove(config.name());
    return new PlannedRebuild(
        config.name(),
        repository(config),
        vias.remove(config.name()),
        levels.getOrDefault(config.name(), 1),
        candidateAt.remove(config.name()),
        due,
        opens,
        dispatchedAt,
        dispatchedAt == null ? null : dispatchedAt.plus(runDuration),
        wait);
  }

  private PlannedRebuild unplanned(
      ImageConfig config, PendingDigest candidate, int level, String why) {
    return new PlannedRebuild(
        config.name(),
        repository(config),
        candidate.baseImage(),
        level,
        candidate.firstSeen(),
        null,
        null,
        null,
        null,
        why);
  }

  private String repository(ImageConfig config) {
    BudgetTicket probe = RebuildSchedule.ticket(config, "", Instant.EPOCH, Instant.EPOCH, false);
    return queue.repositoryOf(probe);
  }

  private List<PendingDigest> pendingOf(String image) {
    return pending.getOrDefault(image, List.of());
  }

  private void schedule(Instant at, Kind kind, String image, PendingDigest candidate, int level) {
    events.add(new Event(at, seq++, kind, image, candidate, level));
  }

  private static String imageOf(String ticketId) {
    return ticketId.substring(0, ticketId.lastIndexOf('/'));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** A stand-in digest per base and build: the what-if does not know the real ones. */
  private static String digestOf(String image, int build) {
    return "what-if:" + image + "#" + build;
  }
}
