package io.imagefactory.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DigestReportsTest {

  private final ExecutorService requests = Executors.newFixedThreadPool(16);
  private final List<List<DigestSeen>> signals = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicBoolean firstHeld = new AtomicBoolean();

  @AfterEach
  void stop() {
    requests.shutdownNow();
  }

  private static DigestSeen report(int n) {
    return new DigestSeen(
        String.format("sha256:%064x", n), "22", "f" + n, Instant.EPOCH.plusSeconds(n));
  }

  /** Records each signal; {@code gate}, when given, holds the very first one until opened. */
  private DigestReports pacer(Duration interval, CountDownLatch inside, CountDownLatch gate) {
    return new DigestReports(
        interval,
        (id, reports) -> {
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            if (gate != null && firstHeld.compareAndSet(false, true)) {
              inside.countDown();
              gate.await();
            }
            signals.add(reports);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          } finally {
            inFlight.decrementAndGet();
          }
        });
  }

  @Test
  void aLoneReportIsSignalledAtOnceOnItsOwn() throws Exception {
    DigestReports pacer = pacer(Duration.ofHours(1), null, null);

    pacer.send("base/node", report(1));

    assertThat(signals).containsExactly(List.of(report(1)));
  }

  @Test
  void reportsArrivingWhileASignalIsInFlightRideOnTheNextOneTogether() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    DigestReports pacer = pacer(Duration.ZERO, inside, gate);
    Future<?> first = requests.submit(() -> send(pacer, "base/node", report(0)));
    inside.await();

    List<Future<?>> waiting = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      int n = i;
      waiting.add(requests.submit(() -> send(pacer, "base/node", report(n))));
    }
    // Every one of them is queued behind the signal in flight before it lands.
    awaitQueued(pacer, waiting);
    gate.countDown();
    first.get();
    for (Future<?> request : waiting) {
      request.get();
    }

    assertThat(signals).hasSize(2);
    assertThat(signals.get(0)).containsExactly(report(0));
    assertThat(signals.get(1)).hasSize(10);
    assertThat(mostInFlight.get()).isEqualTo(1);
  }

  @Test
  void aFloodFromManyThreadsDeliversEveryReportOnceInFewSignals() throws Exception {
    DigestReports pacer = pacer(Duration.ofMillis(20), null, null);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int n = i;
      sent.add(requests.submit(() -> send(pacer, "base/node", report(n))));
    }
    for (Future<?> request : sent) {
      request.get();
    }

    assertThat(signals.stream().flatMap(List::stream).map(DigestSeen::digest))
        .hasSize(400)
        .doesNotHaveDuplicates();
    assertThat(signals.size()).isLessThan(400);
    assertThat(mostInFlight.get()).isEqualTo(1);
  }

  @Test
  void aFailedSignalFailsItsRequestsAndTheNextOneGoesThrough() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    DigestReports pacer =
        new DigestReports(
            Duration.ZERO,
            (id, reports) -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("workflow not running");
              }
              signals.add(reports);
            });

    assertThatThrownBy(() -> pacer.send("base/node", report(1))).hasMessage("workflow not running");
    pacer.send("base/node", report(2));

    assertThat(signals).containsExactly(List.of(report(2)));
  }

  @Test
  void anInterruptedWaiterLeavesAndTheOthersAreStillDelivered() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    DigestReports pacer = pacer(Duration.ZERO, inside, gate);
    Future<?> first = requests.submit(() -> send(pacer, "base/node", report(0)));
    inside.await();
    Future<?> leaving = requests.submit(() -> send(pacer, "base/node", report(1)));
    Future<?> staying = requests.submit(() -> send(pacer, "base/node", report(2)));
    awaitQueued(pacer, List.of(leaving, staying));

    leaving.cancel(true);
    gate.countDown();
    first.get();
    staying.get();

    assertThat(signals.stream().flatMap(List::stream)).contains(report(0), report(2));
  }

  @Test
  void oneBaseInFlightDoesNotHoldAnother() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    DigestReports pacer = pacer(Duration.ZERO, inside, gate);
    Future<?> held = requests.submit(() -> send(pacer, "base/node", report(0)));
    inside.await();

    pacer.send("base/python", report(1));

    assertThat(signals).containsExactly(List.of(report(1)));
    gate.countDown();
    held.get();
  }

  private static Void send(DigestReports pacer, String id, DigestSeen report) {
    try {
      pacer.send(id, report);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls until the requests wait in the pacer (none of them can finish while one is held). */
  private static void awaitQueued(DigestReports pacer, List<Future<?>> requests)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pacer.waiting() < requests.size() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(pacer.waiting()).isEqualTo(requests.size());
  }
}
