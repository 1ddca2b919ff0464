package io.imagefactory.staterepo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's memory of the last batch it answered per submitter, in the compact form it carries
 * across continue-as-new: a fleet of thousands of entities shares a few commits, so each outcome is
 * written once and referred to by its index. Insertion order is kept, so replays see one order.
 *
 * @param outcomes the distinct outcomes
 * @param bySubmitter submitter to its last batch, the index of that batch's outcome and when it was
 *     answered (epoch milliseconds, workflow time; 0 in memories carried before it was kept)
 */
public record AnsweredBatches(List<CommitOutcome> outcomes, Map<String, Answered> bySubmitter) {

  /** One submitter's last answered batch. */
  public record Answered(String batchId, int outcome, long answeredAt) {}

  public AnsweredBatches {
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    bySubmitter =
        bySubmitter == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(bySubmitter));
  }

  public static AnsweredBatches none() {
    return new AnsweredBatches(List.of(), Map.of());
  }

  /** The compact form of these acknowledgements, one per submitter, with when each was answered. */
  public static AnsweredBatches of(
      Collection<Acknowledgement> acknowledgements, Map<String, Long> answeredAt) {
    List<CommitOutcome> outcomes = new ArrayList<>();
    Map<CommitOutcome, Integer> index = new HashMap<>();
    Map<String, Answered> bySubmitter = new LinkedHashMap<>();
    for (Acknowledgement ack : acknowledgements) {
      int i =
          index.computeIfAbsent(
              ack.outcome(),
              outcome -> {
                outcomes.add(outcome);
                return outcomes.size() - 1;
              });
      bySubmitter.put(
          ack.submitter(),
          new Answered(ack.batchId(), i, answeredAt.getOrDefault(ack.submitter(), 0L)));
    }
    return new AnsweredBatches(outcomes, bySubmitter);
  }

  /** When the submitter's last batch was answered; 0 when unknown. */
  public long answeredAt(String submitter) {
    Answered answered = bySubmitter.get(submitter);
    return answered == null ? 0 : answered.answeredAt();
  }

  /** The acknowledgements again, in the order they were remembered. */
  public List<Acknowledgement> acknowledgements() {
    List<Acknowledgement> acks = new ArrayList<>();
    bySubmitter.forEach(
        (submitter, answered) ->
            acks.add(
                new Acknowledgement(
                    submitter, answered.batchId(), outcomes.get(answered.outcome()))));
    return acks;
  }
}
