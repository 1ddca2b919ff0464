package io.imagefactory.budget;

import io.imagefactory.LoopTimer;
import io.imagefactory.UiSummaries;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Requests and releases arrive by signal and wait in an inbox; the main loop applies them in order
 * to the {@link BudgetQueue}, grants what fits, and answers each holder by signal, so a waiting
 * rebuild holds no thread and no activity slot. It sleeps until a signal comes or until time alone
 * frees room (an hour passes on a dispatch, a lost release is reclaimed). The limits are read from
 * the worker once per run, so a changed configuration applies from the next run; the queue, the
 * slots, the dispatch times of the last hour and the recently released ids are carried across
 * continue-as-new, which waits until every answer is delivered.
 */
public class RebuildBudgetWorkflowImpl implements RebuildBudgetWorkflow {

  private final LoopTimer loopTimer = new LoopTimer();

  private static final Logger log = Workflow.getLogger(RebuildBudgetWorkflowImpl.class);
  private static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 10_000;

  private final RebuildBudgetActivities worker =
      UiSummaries.activities(
          RebuildBudgetActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build(),
          "read the rebuild budget's limits from the worker's settings");

  private final List<Object> inbox = new ArrayList<>();
  private final Map<String, Answer> answering = new LinkedHashMap<>();

  /**
   * How many times an answer is sent before its holder counts as gone. A workflow continuing as new
   * can miss a signal on the Java test server, and a holder that misses its grant would wait for it
   * forever once its ticket is released.
   */
  static final int ANSWER_ATTEMPTS = 3;

  /** An answer on its way to a holder, with what is needed to send it again. */
  private record Answer(
      String holder, String signal, Object payload, int attempt, Promise<Void> sent) {}

  private BudgetQueue queue;
  private int continueAsNewAfter;

  /** Signals that come with the start are kept until the limits are known. */
  @WorkflowInit
  public RebuildBudgetWorkflowImpl(BudgetSetup setup) {
    continueAsNewAfter =
        setup.continueAsNewAfter() > 0 ? setup.continueAsNewAfter() : DEFAULT_CONTINUE_AS_NEW_AFTER;
  }

  @Override
  public void run(BudgetSetup setup) {
    queue = new BudgetQueue(worker.budgetLimits(), setup);
    while (true) {
      Instant now = now();
      applyInbox(now);
      settleAnswers();
      reclaim(now);
      for (BudgetTicket ticket : queue.grant(now)) {
        answer(
            ticket.ticketId(),
            ticket.holder(),
            BudgetHolder.GRANTED,
            new BudgetGrant(ticket.ticketId()));
      }
      for (BudgetNotice notice : queue.notices(now)) {
        answer(
            "notice " + notice.ticketId(),
            queue.holderOf(notice.ticketId()),
            BudgetHolder.QUEUED,
            notice);
      }
      Workflow.setCurrentDetails(details());
      if (dueForContinueAsNew()
          && answering.isEmpty()
          && inbox.isEmpty()
          && Workflow.isEveryHandlerFinished()) {
        Workflow.continueAsNew(queue.carry(setup.continueAsNewAfter(), now));
      }
      Optional<Instant> next = queue.nextChange(now);
      if (next.isPresent()) {
        Duration wait = Duration.between(now, next.get());
        if (wait.compareTo(Duration.ZERO) > 0) {
          loopTimer.await(wait, "next change in the rebuild queue at " + next.get(), this::hasWork);
        }
      } else {
        Workflow.await(this::hasWork);
      }
    }
  }

  private void applyInbox(Instant now) {
    for (Object item : inbox) {
      if (item instanceof BudgetTicket ticket) {
        BudgetQueue.Arrival arrival = queue.request(ticket, now);
        if (!ticket.forced() && arrival == BudgetQueue.Arrival.ALREADY_GRANTED) {
          answer(
              ticket.ticketId(),
              ticket.holder(),
              BudgetHolder.GRANTED,
              new BudgetGrant(ticket.ticketId()));
        }
        if (arrival == BudgetQueue.Arrival.GRANTED && ticket.forced()) {
          log.info("budget: {} takes a slot at once ({})", ticket.ticketId(), ticket.image());
        }
      } else if (item instanceof BudgetRelease release) {
        if (queue.release(release.ticketId(), now)) {
          log.debug("budget: {} released ({})", release.ticketId(), release.reason());
        }
      }
    }
    inbox.clear();
  }

  /** A holder that cannot be signalled has ended (an unenrolled image): its slot is free. */
  private void settleAnswers() {
    List<Map.Entry<String, Answer>> failed = new ArrayList<>();
    Iterator<Map.Entry<String, Answer>> all = answering.entrySet().iterator();
    while (all.hasNext()) {
      Map.Entry<String, Answer> entry = all.next();
      Promise<Void> sent = entry.getValue().sent();
      if (!sent.isCompleted()) {
        continue;
      }
      all.remove();
      if (sent.getFailure() != null) {
        failed.add(entry);
      }
    }
    for (Map.Entry<String, Answer> entry : failed) {
      Answer answer = entry.getValue();
      if (answer.attempt() < ANSWER_ATTEMPTS) {
        send(
            entry.getKey(),
            answer.holder(),
            answer.signal(),
            answer.payload(),
            answer.attempt() + 1);
        continue;
      }
      String ticketId = entry.getKey().replaceFirst("^notice ", "");
      log.info("budget: holder of {} is gone, its ticket is released", ticketId);
      queue.release(ticketId, now());
    }
  }

  private void reclaim(Instant now) {
    for (GrantedTicket lost : queue.reclaim(now)) {
      log.warn(
          "budget: {} of {} held its slot since {} and never gave it back; reclaimed",
          lost.ticket().ticketId(),
          lost.ticket().image(),
          lost.grantedAt());
    }
  }

  private void answer(String key, String holder, String signal, Object payload) {
    if (holder == null) {
      return;
    }
    send(key, holder, signal, payload, 1);
  }

  private void send(String key, String holder, String signal, Object payload, int attempt) {
    ExternalWorkflowStub stub = Workflow.newUntypedExternalWorkflowStub(holder);
    Answer previous = answering.get(key);
    Promise<Void> sent = Async.procedure(stub::signal, signal, new Object[] {payload});
    answering.put(
        key,
        new Answer(
            holder,
            signal,
            payload,
            attempt,
            previous == null ? sent : Promise.allOf(previous.sent(), sent)));
  }

  private boolean hasWork() {
    return !inbox.isEmpty()
        || answering.values().stream().anyMatch(a -> a.sent().isCompleted())
        || (dueForContinueAsNew() && answering.isEmpty());
  }

  private boolean dueForContinueAsNew() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > continueAsNewAfter;
  }

  private String details() {
    return queue.queuedCount()
        + " queued"
        + perHost(queue.queuedPerHost())
        + "; "
        + queue.grantedCount()
        + " running"
        + perHost(queue.runningPerHost());
  }

  private static String perHost(Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return "";
    }
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ", " (", ")"));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  @Override
  public void request(BudgetTicket ticket) {
    if (ticket == null || ticket.ticketId() == null || ticket.holder() == null) {
      log.warn("budget refuses a ticket without an id or holder: {}", ticket);
      return;
    }
    inbox.add(ticket);
  }

  @Override
  public void release(BudgetRelease release) {
    if (release != null && release.ticketId() != null) {
      inbox.add(release);
    }
  }

  @Override
  public BudgetStatus status() {
    if (queue == null) {
      return new BudgetStatus(Map.of(), Map.of(), Map.of(), List.of(), "starting");
    }
    return new BudgetStatus(
        queue.queuedPerHost(),
        queue.runningPerHost(),
        queue.runningPerRepository(),
        queue.order(),
        details());
  }

  @Override
  public Map<String, Integer> queueLengths() {
    return queue == null ? Map.of() : queue.queuedPerHost();
  }
}
