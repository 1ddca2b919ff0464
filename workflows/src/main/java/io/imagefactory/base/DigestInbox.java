package io.imagefactory.base;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events a base has not taken yet. They are taken all at once, in the order they were received,
 * so a burst is judged as a whole and only its newest digest counts.
 */
final class DigestInbox {

  private final List<DigestSeen> events = new ArrayList<>();

  void add(DigestSeen event) {
    events.add(event);
  }

  void addAll(List<DigestSeen> carried) {
    events.addAll(carried);
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  /** The events waiting, in arrival order: what a continue-as-new carries. */
  List<DigestSeen> waiting() {
    return List.copyOf(events);
  }

  /**
   * Takes every event, oldest reception first; equal times keep their arrival order (the sort is
   * stable). An event without a reception time counts as received {@code now}.
   */
  List<DigestSeen> takeAll(Instant now) {
    List<DigestSeen> taken = new ArrayList<>(events.size());
    for (DigestSeen e : events) {
      taken.add(e.receivedAt() != null ? e : new DigestSeen(e.digest(), e.tag(), e.freight(), now));
    }
    events.clear();
    taken.sort(Comparator.comparing(DigestSeen::receivedAt));
    return taken;
  }
}
