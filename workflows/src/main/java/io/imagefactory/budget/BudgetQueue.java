package io.imagefactory.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rebuild budget's decisions as plain code over plain state, so the workflow stays a loop and a
 * preview can run the same rules offline. Tickets of one repository are granted oldest eligibility
 * first; repositories take turns (round-robin from the one served last), so a repository with
 * hundreds of images does not starve one with three; a ticket whose image is built on the image of
 * another queued or running ticket waits until that one has run, so within a cascade the base goes
 * first. A grant needs room in all three limits: runs of its repository, runs of its host,
 * dispatches of its host in the last hour.
 */
public final class BudgetQueue {

  /** What a request did. */
  public enum Arrival {
    /** Waiting for room. */
    QUEUED,
    /** Granted at once (room, or forced). */
    GRANTED,
    /** Granted before: the grant is sent again. */
    ALREADY_GRANTED,
    /** Already waiting: nothing changes. */
    ALREADY_QUEUED,
    /** Released before: a late redelivery, ignored. */
    RELEASED
  }

  /**
   * The hourly limit's window: an hour, and a minute for the way from a grant to the dispatch it
   * allows, so the provider, which counts from the dispatch, never sees more in its hour.
   */
  static final Duration HOUR = Duration.ofMinutes(61);

  /**
   * A ticket waits this long after it was asked for before it can be granted, so tickets asked for
   * together (a window's opening, a burst's maturity) are ordered together: otherwise the first to
   * arrive takes the slots, and an image could go before the base it is built on.
   */
  public static final Duration GATHER = Duration.ofSeconds(5);

  /** How long a released ticket id is remembered: well past any redelivery of its request. */
  static final Duration REMEMBER_RELEASED = Duration.ofDays(1);

  private static final int MAX_REMEMBERED = 20_000;

  private BudgetLimits limits;
  private final Map<String, BudgetTicket> queued = new LinkedHashMap<>();
  private final Map<String, GrantedTicket> granted = new LinkedHashMap<>();
  private final Map<String, List<Instant>> dispatches = new TreeMap<>();
  private final Map<String, Instant> released = new LinkedHashMap<>();
  private final Map<String, Integer> notified = new HashMap<>();
  private String lastServed;

  public BudgetQueue(BudgetLimits limits, BudgetSetup carried) {
    this.limits = limits;
    carried.queued().forEach(t -> queued.put(t.ticketId(), t));
    carried.granted().forEach(g -> granted.put(g.ticket().ticketId(), g));
    carried.dispatches().forEach((host, times) -> dispatches.put(host, new ArrayList<>(times)));
    released.putAll(carried.released());
    notified.putAll(carried.notified());
    lastServed = carried.lastServed();
  }

  public void limits(BudgetLimits newLimits) {
    limits = newLimits;
  }

  public BudgetLimits limits() {
    return limits;
  }

  public Arrival request(BudgetTicket ticket, Instant now) {
    String id = ticket.ticketId();
    if (released.containsKey(id)) {
      return Arrival.RELEASED;
    }
    if (granted.containsKey(id)) {
      return Arrival.ALREADY_GRANTED;
    }
    if (queued.containsKey(id)) {
      return Arrival.ALREADY_QUEUED;
    }
    if (ticket.forced()) {
      take(ticket, now);
      return Arrival.GRANTED;
    }
    queued.put(id, ticket);
    return Arrival.QUEUED;
  }

  /** Frees the slot or the place in the queue; false when the ticket held neither. */
  public boolean release(String ticketId, Instant now) {
    boolean held = granted.remove(ticketId) != null || queued.remove(ticketId) != null;
    notified.remove(ticketId);
    released.put(ticketId, now);
    return held;
  }

  /** Grants every ticket that fits now, in the order the rules give; returns them. */
  public List<BudgetTicket> grant(Instant now) {
    List<BudgetTicket> grants = new ArrayList<>();
    if (queued.isEmpty()) {
      return grants;
    }
    forgetOldDispatches(now);
    Map<String, List<BudgetTicket>> byRepository = byRepository();
    boolean progress = true;
    while (progress && !byRepository.isEmpty()) {
      progress = false;
      Set<String> held = heldBack();
      for (String repository : rotation(byRepository.keySet())) {
        List<BudgetTicket> tickets = byRepository.get(repository);
        if (tickets == null) {
          continue;
        }
        BudgetTicket first = tickets.get(0);
        String host = hostOf(first);
        if (!roomOnHost(host) || running(repository) >= limits.runsPerRepository(host)) {
          continue;
        }
        Set<String> waiting = held;
        Optional<BudgetTicket> next =
            tickets.stream()
                .filter(t -> !waiting.contains(t.ticketId()) && gathered(t, now))
                .findFirst();
        if (next.isEmpty()) {
          continue;
        }
        BudgetTicket ticket = next.get();
        queued.remove(ticket.ticketId());
        notified.remove(ticket.ticketId());
        tickets.remove(ticket);
        if (tickets.isEmpty()) {
          byRepository.remove(repository);
        }
        take(ticket, now);
        grants.add(ticket);
        lastServed = repository;
        progress = true;
        held = heldBack();
      }
    }
    return grants;
  }

  private static boolean gathered(BudgetTicket ticket, Instant now) {
    return !ticket.requestedAt().plus(GATHER).isAfter(now);
  }

  /** Takes back the slots held longer than the limits allow; returns them. */
  public List<GrantedTicket> reclaim(Instant now) {
    List<GrantedTicket> expired = new ArrayList<>();
    Iterator<GrantedTicket> all = granted.values().iterator();
    while (all.hasNext()) {
      GrantedTicket grant = all.next();
      if (!grant.grantedAt().plus(limits.reclaimAfter()).isAfter(now)) {
        expired.add(grant);
        all.remove();
        released.put(grant.ticket().ticketId(), now);
      }
    }
    return expired;
  }

  /**
   * When something may change without a signal: a ticket has gathered, a slot is reclaimed, or an
   * hour passes on a dispatch that holds a waiting host at its hourly limit. Empty when only a
   * signal can help.
   */
  public Optional<Instant> nextChange(Instant now) {
    Instant next = null;
    for (GrantedTicket grant : granted.values()) {
      next = earlier(next, grant.grantedAt().plus(limits.reclaimAfter()));
    }
    Set<String> waitingHosts = new HashSet<>();
    for (BudgetTicket ticket : queued.values()) {
      waitingHosts.add(hostOf(ticket));
      if (!gathered(ticket, now)) {
        next = earlier(next, ticket.requestedAt().plus(GATHER));
      }
    }
    for (String host : waitingHosts) {
      List<Instant> times = dispatches.getOrDefault(host, List.of());
      if (times.size() >= limits.dispatchesPerHour(host) && !times.isEmpty()) {
        next = earlier(next, times.get(times.size() - limits.dispatchesPerHour(host)).plus(HOUR));
      }
    }
    return Optional.ofNullable(next);
  }

  /**
   * Where each queued ticket stands, for those whose holder should hear it: never told, or now at
   * most half as far back as when last told. The notices are remembered as sent.
   */
  public List<BudgetNotice> notices(Instant now) {
    List<BudgetNotice> notices = new ArrayList<>();
    forgetOldDispatches(now);
    for (Map.Entry<String, List<BudgetTicket>> entry : byRepository().entrySet()) {
      String repository = entry.getKey();
      List<BudgetTicket> tickets = entry.getValue();
      for (int ahead = 0; ahead < tickets.size(); ahead++) {
        BudgetTicket ticket = tickets.get(ahead);
        Integer told = notified.get(ticket.ticketId());
        if (told != null && (ahead > told / 2 || told == 0)) {
          continue;
        }
        notified.put(ticket.ticketId(), ahead);
        notices.add(notice(ticket, repository, ahead));
      }
    }
    return notices;
  }

  private BudgetNotice notice(BudgetTicket ticket, String repository, int ahead) {
    String host = hostOf(ticket);
    String hostLimit = null;
    int hostRunning = runningOnHost(host);
    int dispatched = dispatches.getOrDefault(host, List.of()).size();
    if (hostRunning >= limits.runsPerHost(host)) {
      hostLimit =
          host + " at its limit (" + hostRunning + " of " + limits.runsPerHost(host) + " running)";
    } else if (dispatched >= limits.dispatchesPerHour(host)) {
      hostLimit =
          host + " at its limit of " + limits.dispatchesPerHour(host) + " dispatches per hour";
    }
    return new BudgetNotice(
        ticket.ticketId(),
        ahead,
        ticket.repoName(),
        running(repository),
        limits.runsPerRepository(host),
        hostLimit);
  }

  /** Queue lengths per host: the gauge a metric reports. */
  public Map<String, Integer> queuedPerHost() {
    Map<String, Integer> lengths = new TreeMap<>();
    queued.values().forEach(t -> lengths.merge(hostOf(t), 1, Integer::sum));
    return lengths;
  }

  public Map<String, Integer> runningPerHost() {
    Map<String, Integer> running = new TreeMap<>();
    granted.values().forEach(g -> running.merge(hostOf(g.ticket()), 1, Integer::sum));
    return running;
  }

  public Map<String, Integer> runningPerRepository() {
    Map<String, Integer> running = new TreeMap<>();
    granted.values().forEach(g -> running.merge(repositoryOf(g.ticket()), 1, Integer::sum));
    return running;
  }

  /** The queued ticket ids, per repository in grant order, repositories in turn order. */
  public List<String> order() {
    List<String> ids = new ArrayList<>();
    byRepository().values().forEach(tickets -> tickets.forEach(t -> ids.add(t.ticketId())));
    return ids;
  }

  public int queuedCount() {
    return queued.size();
  }

  public int grantedCount() {
    return granted.size();
  }

  /** The workflow id holding a queued or granted ticket; null when it holds neither. */
  public String holderOf(String ticketId) {
    BudgetTicket ticket = queued.get(ticketId);
    if (ticket == null && granted.containsKey(ticketId)) {
      ticket = granted.get(ticketId).ticket();
    }
    return ticket == null ? null : ticket.holder();
  }

  public boolean isGranted(String ticketId) {
    return granted.containsKey(ticketId);
  }

  /** What the next run starts from; forgets released ids older than a day. */
  public BudgetSetup carry(int continueAsNewAfter, Instant now) {
    forgetOldDispatches(now);
    Map<String, Instant> remembered = new LinkedHashMap<>();
    released.forEach(
        (id, at) -> {
          if (at.plus(REMEMBER_RELEASED).isAfter(now)) {
            remembered.put(id, at);
          }
        });
    while (remembered.size() > MAX_REMEMBERED) {
      remembered.remove(remembered.keySet().iterator().next());
    }
    Map<String, List<Instant>> times = new TreeMap<>();
    dispatches.forEach((host, list) -> times.put(host, List.copyOf(list)));
    return new BudgetSetup(
        continueAsNewAfter,
        List.copyOf(queued.values()),
        List.copyOf(granted.values()),
        times,
        remembered,
        Map.copyOf(notified),
        lastServed);
  }

  public String hostOf(BudgetTicket ticket) {
    return limits.hostOf(ticket.provider());
  }

  /** {@code github.com/acme/monorepo}: the key the per-repository limit counts under. */
  public String repositoryOf(BudgetTicket ticket) {
    return hostOf(ticket) + "/" + ticket.repoName();
  }

  private void take(BudgetTicket ticket, Instant now) {
    granted.put(ticket.ticketId(), new GrantedTicket(ticket, now));
    dispatches.computeIfAbsent(hostOf(ticket), h -> new ArrayList<>()).add(now);
  }

  private boolean roomOnHost(String host) {
    return runningOnHost(host) < limits.runsPerHost(host)
        && dispatches.getOrDefault(host, List.of()).size() < limits.dispatchesPerHour(host);
  }

  private int runningOnHost(String host) {
    int count = 0;
    for (GrantedTicket g : granted.values()) {
      if (hostOf(g.ticket()).equals(host)) {
        count++;
      }
    }
    return count;
  }

  private int running(String repository) {
    int count = 0;
    for (GrantedTicket g : granted.values()) {
      if (repositoryOf(g.ticket()).equals(repository)) {
        count++;
      }
    }
    return count;
  }

  private void forgetOldDispatches(Instant now) {
    for (List<Instant> times : dispatches.values()) {
      times.removeIf(at -> !at.plus(HOUR).isAfter(now));
    }
    dispatches.values().removeIf(List::isEmpty);
  }

  /** Per repository, its queued tickets oldest eligibility first. */
  private Map<String, List<BudgetTicket>> byRepository() {
    Map<String, List<BudgetTicket>> byRepository = new TreeMap<>();
    for (BudgetTicket ticket : queued.values()) {
      byRepository.computeIfAbsent(repositoryOf(ticket), r -> new ArrayList<>()).add(ticket);
    }
    Comparator<BudgetTicket> order =
        Comparator.comparing(BudgetTicket::eligibleAt)
            .thenComparing(BudgetTicket::requestedAt)
            .thenComparing(BudgetTicket::ticketId);
    byRepository.values().forEach(list -> list.sort(order));
    return byRepository;
  }

  /** The repositories in turn order: those after the one served last, then the rest. */
  private List<String> rotation(Set<String> repositories) {
    List<String> sorted = new ArrayList<>(repositories);
    List<String> turn = new ArrayList<>();
    for (String r : sorted) {
      if (lastServed == null || r.compareTo(lastServed) > 0) {
        turn.add(r);
      }
    }
    for (String r : sorted) {
      if (!turn.contains(r)) {
        turn.add(r);
      }
    }
    return turn;
  }

  /**
   * Queued tickets whose image is built on the image of another ticket that is queued or holds a
   * slot: the base's run goes first. A cycle (which enrollment refuses) holds nobody back, so it
   * can never stall the queue.
   */
  private Set<String> heldBack() {
    Map<String, List<String>> ticketsOfImage = new HashMap<>();
    queued
        .values()
        .forEach(
            t ->
                ticketsOfImage
                    .computeIfAbsent(t.image(), i -> new ArrayList<>())
                    .add(t.ticketId()));
    Map<String, Set<String>> upstream = new HashMap<>();
    List<BudgetTicket> bases = new ArrayList<>(queued.values());
    granted.values().forEach(g -> bases.add(g.ticket()));
    for (BudgetTicket base : bases) {
      for (String dependent : base.dependents()) {
        for (String id : ticketsOfImage.getOrDefault(dependent, List.of())) {
          if (!id.equals(base.ticketId())) {
            upstream.computeIfAbsent(id, k -> new HashSet<>()).add(base.ticketId());
          }
        }
      }
    }
    Set<String> held = new HashSet<>();
    for (String id : upstream.keySet()) {
      if (!inCycle(id, upstream)) {
        held.add(id);
      }
    }
    return held;
  }

  private static boolean inCycle(String start, Map<String, Set<String>> upstream) {
    List<String> stack = new ArrayList<>(upstream.getOrDefault(start, Set.of()));
    Set<String> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      String id = stack.remove(stack.size() - 1);
      if (id.equals(start)) {
        return true;
      }
      if (seen.add(id)) {
        stack.addAll(upstream.getOrDefault(id, Set.of()));
      }
    }
    return false;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
