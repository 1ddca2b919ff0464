package io.imagefactory.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetQueueTest {

  private static final Instant ASKED = Instant.parse("2025-06-10T09:00:00Z");

  /** Past the gathering of tickets asked for at {@link #ASKED}. */
  private static final Instant T0 = ASKED.plus(BudgetQueue.GATHER);

  private static BudgetQueue queue(int perRepo, int perHost, int perHour) {
    return new BudgetQueue(
        new BudgetLimits(perRepo, perHost, perHour, Map.of(), Map.of(), Duration.ofDays(4)),
        BudgetSetup.initial());
  }

  private static BudgetTicket ticket(
      String image, String repo, int eligibleMinute, String... dependents) {
    return new BudgetTicket(
        image + "/t",
        "image/" + image,
        image,
        "github",
        repo,
        ASKED.plusSeconds(60L * eligibleMinute),
        ASKED,
        List.of(dependents),
        false);
  }

  private static List<String> images(List<BudgetTicket> tickets) {
    return tickets.stream().map(BudgetTicket::image).toList();
  }

  @Test
  void grantsOldestFirstWithinTheRepositoryLimit() {
    BudgetQueue queue = queue(2, 50, 300);
    queue.request(ticket("c", "acme/mono", 3), T0);
    queue.request(ticket("a", "acme/mono", 1), T0);
    queue.request(ticket("b", "acme/mono", 2), T0);

    assertThat(images(queue.grant(T0))).containsExactly("a", "b");
    assertThat(queue.grant(T0)).isEmpty();
    assertThat(queue.release("a/t", T0)).isTrue();
    assertThat(images(queue.grant(T0))).containsExactly("c");
  }

  @Test
  void ticketsAskedForTogetherAreOrderedTogether() {
    BudgetQueue queue = queue(1, 50, 300);
    queue.request(ticket("late", "acme/mono", 9), ASKED);
    assertThat(queue.grant(ASKED)).isEmpty();
    assertThat(queue.nextChange(ASKED)).contains(T0);
    queue.request(ticket("early", "acme/mono", 1), ASKED.plusSeconds(1));
    assertThat(images(queue.grant(T0))).containsExactly("early");
  }

  @Test
  void repositoriesTakeTurnsSoABigOneDoesNotStarveASmallOne() {
    BudgetQueue queue = queue(5, 2, 300);
    for (int i = 0; i < 6; i++) {
      queue.request(ticket("mono-" + i, "acme/mono", i), T0);
    }
    queue.request(ticket("tool", "acme/tool", 10), T0);

    List<BudgetTicket> first = queue.grant(T0);
    assertThat(images(first)).containsExactly("mono-0", "tool");
    assertThat(queue.runningPerHost()).containsEntry("github.com", 2);
  }

  @Test
  void theHourlyLimitHoldsUntilAnHourHasPassedOnTheOldestDispatch() {
    BudgetQueue queue = queue(10, 10, 2);
    for (int i = 0; i < 3; i++) {
      queue.request(ticket("i" + i, "acme/r" + i, i), T0);
    }
    assertThat(queue.grant(T0)).hasSize(2);
    queue.release("i0/t", T0.plusSeconds(60));
    queue.release("i1/t", T0.plusSeconds(60));
    assertThat(queue.grant(T0.plusSeconds(120))).isEmpty();
    // An hour and a minute: the minute covers the way from the grant to GitHub.
    assertThat(queue.nextChange(T0.plusSeconds(120))).contains(T0.plus(Duration.ofMinutes(61)));
    assertThat(queue.grant(T0.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(images(queue.grant(T0.plus(Duration.ofMinutes(61))))).containsExactly("i2");
  }

  @Test
  void withinACascadeTheBaseGoesBeforeTheImagesBuiltOnIt() {
    BudgetQueue queue = queue(1, 50, 300);
    // app (in another repository) is built on base and became eligible first.
    queue.request(ticket("app", "acme/app", 0), T0);
    queue.request(ticket("base", "acme/base", 5, "app"), T0);

    assertThat(images(queue.grant(T0))).containsExactly("base");
    // Not while the base's run is in flight either: its build is what app should be built on.
    assertThat(queue.grant(T0)).isEmpty();
    queue.release("base/t", T0);
    assertThat(images(queue.grant(T0))).containsExactly("app");
  }

  @Test
  void aCycleHoldsNobodyBack() {
    BudgetQueue queue = queue(5, 50, 300);
    queue.request(ticket("a", "acme/a", 0, "b"), T0);
    queue.request(ticket("b", "acme/b", 0, "a"), T0);
    assertThat(images(queue.grant(T0))).containsExactly("a");
    queue.release("a/t", T0);
    assertThat(images(queue.grant(T0))).containsExactly("b");
  }

  @Test
  void requestsAndReleasesAreIdempotentByTicketId() {
    BudgetQueue queue = queue(1, 50, 300);
    BudgetTicket a = ticket("a", "acme/a", 0);
    assertThat(queue.request(a, T0)).isEqualTo(BudgetQueue.Arrival.QUEUED);
    assertThat(queue.request(a, T0)).isEqualTo(BudgetQueue.Arrival.ALREADY_QUEUED);
    queue.grant(T0);
    assertThat(queue.request(a, T0)).isEqualTo(BudgetQueue.Arrival.ALREADY_GRANTED);
    assertThat(queue.release("a/t", T0)).isTrue();
    assertThat(queue.release("a/t", T0)).isFalse();
    assertThat(queue.request(a, T0)).isEqualTo(BudgetQueue.Arrival.RELEASED);
    assertThat(queue.queuedCount() + queue.grantedCount()).isZero();
  }

  @Test
  void aForcedTicketHoldsASlotAtOnceAndCounts() {
    BudgetQueue queue = queue(1, 50, 300);
    BudgetTicket now =
        new BudgetTicket("n/t", "image/n", "n", "github", "acme/a", T0, T0, List.of(), true);
    assertThat(queue.request(now, T0)).isEqualTo(BudgetQueue.Arrival.GRANTED);
    queue.request(ticket("a", "acme/a", 0), T0);
    assertThat(queue.grant(T0)).isEmpty();
  }

  @Test
  void aSlotNeverGivenBackIsReclaimed() {
    BudgetQueue queue = queue(1, 50, 300);
    queue.request(ticket("a", "acme/a", 0), T0);
    queue.request(ticket("b", "acme/a", 1), T0);
    queue.grant(T0);
    assertThat(queue.nextChange(T0)).contains(T0.plus(Duration.ofDays(4)));
    assertThat(queue.reclaim(T0.plus(Duration.ofDays(4))))
        .extracting(g -> g.ticket().image())
        .containsExactly("a");
    assertThat(images(queue.grant(T0.plus(Duration.ofDays(4))))).containsExactly("b");
  }

  @Test
  void holdersHearTheirPlaceWhenQueuedAndEachTimeItHalves() {
    BudgetQueue queue = queue(1, 50, 300);
    for (int i = 0; i < 6; i++) {
      queue.request(ticket("i" + i, "acme/mono", i), T0);
    }
    queue.grant(T0);
    List<BudgetNotice> first = queue.notices(T0);
    assertThat(first).extracting(BudgetNotice::ahead).containsExactly(0, 1, 2, 3, 4);
    assertThat(first.get(4).describe()).isEqualTo("queued: 4 ahead for acme/mono (1 of 1 running)");
    assertThat(queue.notices(T0)).isEmpty();

    queue.release("i0/t", T0);
    queue.grant(T0);
    // i2 went from 1 ahead to 0 and i3 from 2 to 1; i4 (3 to 2) and i5 (4 to 3) are not at half.
    assertThat(queue.notices(T0))
        .extracting(BudgetNotice::ticketId)
        .containsExactly("i2/t", "i3/t");
  }

  @Test
  void carriesEverythingItHoldsIntoTheNextRun() {
    BudgetQueue queue = queue(1, 50, 300);
    queue.request(ticket("a", "acme/a", 0), T0);
    queue.request(ticket("b", "acme/a", 1), T0);
    queue.grant(T0);
    BudgetSetup carried = queue.carry(0, T0);

    BudgetQueue next = new BudgetQueue(queue.limits(), carried);
    assertThat(next.grant(T0)).isEmpty();
    next.release("a/t", T0);
    assertThat(images(next.grant(T0))).containsExactly("b");
    assertThat(next.request(ticket("a", "acme/a", 0), T0)).isEqualTo(BudgetQueue.Arrival.RELEASED);
  }
}
