package io.imagefactory.budget;

import io.imagefactory.SingletonStart;
import io.imagefactory.UiSummaries;
import io.imagefactory.WorkflowIds;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One holder's way to the rebuild budget; use from workflow code only. It holds at most one ticket:
 * sent by signal, re-sent every {@link #RESEND} while it waits (the budget takes an id once, so a
 * re-send only repairs a budget that lost its queue), and handed to an activity that starts the
 * budget when the signal fails. The holder calls {@link #step()} from its main loop and includes
 * {@link #hasWork()} and {@link #untilDue()} in what the loop waits for, so nothing blocks while
 * the ticket waits for its turn.
 */
public final class RebuildBudgetClient {

  /** How often a waiting ticket is sent again. */
  public static final Duration RESEND = Duration.ofHours(1);

  private final RebuildBudgetWorkflow budget =
      Workflow.newExternalWorkflowStub(RebuildBudgetWorkflow.class, WorkflowIds.REBUILD_BUDGET);

  private BudgetTicket ticket;
  private boolean granted;
  private boolean inUse;
  private boolean news;
  private BudgetNotice notice;
  private Promise<Void> delivery;
  private boolean started;
  private long resendAt;
  private final List<Promise<Void>> releases = new ArrayList<>();

  /** Resumes the ticket a previous run held; {@code carried} may be null. */
  public RebuildBudgetClient(BudgetHold carried) {
    if (carried != null && carried.ticket() != null) {
      ticket = carried.ticket();
      granted = carried.granted();
      inUse = carried.inUse();
      if (!granted) {
        resendAt = Workflow.currentTimeMillis();
      }
    }
  }

  /** Asks for a slot; a forced ticket holds one at once and waits for nothing. */
  public void request(BudgetTicket newTicket) {
    ticket = newTicket;
    granted = newTicket.forced();
    inUse = false;
    notice = null;
    send();
  }

  /** Gives the slot back, or leaves the queue. Nothing happens when no ticket is held. */
  public void release(String reason) {
    if (ticket == null) {
      return;
    }
    releases.add(Async.procedure(budget::release, new BudgetRelease(ticket.ticketId(), reason)));
    ticket = null;
    granted = false;
    inUse = false;
    notice = null;
    delivery = null;
  }

  /** From the holder's signal handler; a grant of another ticket is stale. */
  public void granted(BudgetGrant grant) {
    if (ticket != null && ticket.ticketId().equals(grant.ticketId()) && !granted) {
      granted = true;
      news = true;
    }
  }

  /** From the holder's signal handler. */
  public void queued(BudgetNotice newNotice) {
    if (ticket != null && ticket.ticketId().equals(newNotice.ticketId()) && !granted) {
      notice = newNotice;
      news = true;
    }
  }

  public boolean holds() {
    return ticket != null;
  }

  public boolean waiting() {
    return ticket != null && !granted;
  }

  /** A slot is granted and no rebuild uses it yet. */
  public boolean granted() {
    return ticket != null && granted && !inUse;
  }

  /** A rebuild runs on the slot; it is freed when the rebuild ends. */
  public boolean inUse() {
    return ticket != null && inUse;
  }

  /** Starts a rebuild on the granted slot. */
  public void use() {
    if (granted()) {
      inUse = true;
    }
  }

  public BudgetTicket ticket() {
    return ticket;
  }

  /** A grant or a notice came, or a delivery failed. */
  public boolean hasWork() {
    return news || deliveryFailed();
  }

  /** How long until a waiting ticket is sent again; empty when none waits. */
  public Optional<Duration> untilDue() {
    if (!waiting()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.max(0, resendAt - Workflow.currentTimeMillis())));
  }

  /**
   * Handles a failed delivery (the budget is not running: an activity starts it with the ticket)
   * and re-sends a waiting ticket when due. Never blocks.
   */
  public void step() {
    news = false;
    releases.removeIf(Promise::isCompleted);
    if (ticket == null) {
      return;
    }
    if (deliveryFailed()) {
      delivery = null;
      if (!started) {
        started = true;
        RebuildBudgetActivities starter =
            UiSummaries.activities(
                RebuildBudgetActivities.class,
                SingletonStart.OPTIONS,
                "start the rebuild budget with " + ticket.image() + "'s request for a slot");
        delivery = Async.procedure(starter::deliverTicket, ticket);
      }
      // A start that failed too is tried again with the next re-send of a waiting ticket.
      return;
    }
    boolean delivering = delivery != null && !delivery.isCompleted();
    if (waiting() && !delivering && Workflow.currentTimeMillis() >= resendAt) {
      send();
    }
  }

  /** True while a request or release is being handed over: the holder continues as new after. */
  public boolean delivering() {
    return (delivery != null && !delivery.isCompleted())
        || releases.stream().anyMatch(p -> !p.isCompleted());
  }

  /** What the next run resumes from; null when no ticket is held. */
  public BudgetHold carry() {
    return ticket == null ? null : new BudgetHold(ticket, granted, inUse);
  }

  /** {@code queued: 37 ahead for acme/monorepo (5 of 5 running)}; null unless waiting. */
  public String describe() {
    if (!waiting()) {
      return null;
    }
    return notice == null ? "queued for the rebuild budget" : notice.describe();
  }

  private void send() {
    started = false;
    delivery = Async.procedure(budget::request, ticket);
    resendAt = Workflow.currentTimeMillis() + RESEND.toMillis();
  }

  private boolean deliveryFailed() {
    return delivery != null && delivery.isCompleted() && delivery.getFailure() != null;
  }
}
