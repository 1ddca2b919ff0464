package io.imagefactory.argocd;

import static io.imagefactory.argocd.Applications.NAME;
import static io.imagefactory.argocd.Applications.NAMESPACE;
import static io.imagefactory.argocd.Applications.REVISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.imagefactory.argocd.AwaitSyncResult.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@EnableKubernetesMockClient(crud = true)
@Timeout(30)
class SyncWaiterTest {

  private static final String APPLICATION_PATH =
      "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/image-factory-kargo";

  KubernetesClient client;
  KubernetesMockServer server;

  private final AtomicInteger polls = new AtomicInteger();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "synced, SYNCED",
    "multi-source, SYNCED",
    "degraded, DEGRADED",
    "operation-failed, OPERATION_FAILED"
  })
  void endsAsSoonAsTheApplicationHasAVerdict(String fixture, Status outcome) throws Exception {
    Applications.create(client, fixture);

    AwaitSyncResult result =
        realTimeWaiter().await(NAMESPACE, NAME, REVISION, inAMinute(), polls::incrementAndGet);

    assertThat(result.status()).isEqualTo(outcome);
    assertThat(polls).hasValue(0);
  }

  @Test
  void explainsADegradedApplicationAndAFailedOperationInArgoCdsWords() throws Exception {
    Applications.create(client, "operation-failed");
    AwaitSyncResult failed =
        realTimeWaiter().await(NAMESPACE, NAME, REVISION, inAMinute(), () -> {});
    Applications.changeStatusTo(client, "degraded");
    AwaitSyncResult degraded =
        realTimeWaiter().await(NAMESPACE, NAME, REVISION, inAMinute(), () -> {});

    assertThat(failed.message())
        .isEqualTo(
            "sync operation failed: one or more objects failed to apply, reason:"
                + " Warehouse.kargo.akuity.io \"base-x\" is invalid");
    assertThat(failed.observedRevision()).isEqualTo(Applications.OLD_REVISION);
    assertThat(degraded.message())
        .isEqualTo(
            "synced but degraded: Warehouse base-node-22-bookworm-slim cannot reach its registry");
  }

  @Test
  void waitsWhileOutOfSyncUntilArgoCdSyncsTheRevision() throws Exception {
    Applications.create(client, "out-of-sync");
    CountDownLatch firstPoll = new CountDownLatch(1);
    CompletableFuture<Void> argoCd =
        CompletableFuture.runAsync(
            () -> {
              await(firstPoll);
              Applications.changeStatusTo(client, "synced");
            });

    AwaitSyncResult result =
        realTimeWaiter()
            .await(
                NAMESPACE,
                NAME,
                REVISION,
                inAMinute(),
                () -> {
                  polls.incrementAndGet();
                  firstPoll.countDown();
                });

    argoCd.get(10, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(Status.SYNCED);
    assertThat(result.observedRevision()).isEqualTo(REVISION);
    assertThat(polls.get()).isPositive();
  }

  @Test
  void reportsAMissingApplicationAtOnce() throws Exception {
    AwaitSyncResult result =
        realTimeWaiter().await(NAMESPACE, NAME, REVISION, inAMinute(), polls::incrementAndGet);

    assertThat(result.status()).isEqualTo(Status.MISSING_APPLICATION);
    assertThat(result.message())
        .isEqualTo("Argo CD Application argocd/image-factory-kargo does not exist");
  }

  @Test
  void timesOutWithTheLastStatusSeen() throws Exception {
    Applications.create(client, "out-of-sync");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    SyncWaiter waiter =
        new SyncWaiter(
            new ArgoCdStatusReader(client), Duration.ofSeconds(10), clock, clock::advance);

    AwaitSyncResult result =
        waiter.await(
            NAMESPACE, NAME, REVISION, clock.instant().plusSeconds(60), polls::incrementAndGet);

    assertThat(result.status()).isEqualTo(Status.TIMED_OUT);
    assertThat(polls).hasValue(7);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-22T02:01:00Z"));
    assertThat(result.message())
        .startsWith("Argo CD Application argocd/image-factory-kargo did not report " + REVISION)
        .contains("last seen at 0f1e2d3c4b5a: OutOfSync/Progressing, operation Running");
  }

  @Test
  void pollsAgainAfterATransientServerError() throws Exception {
    Applications.create(client, "synced");
    server.expect().get().withPath(APPLICATION_PATH).andReturn(503, "unavailable").once();
    AwaitSyncResult result;
    try (KubernetesClient noRetries =
        server.createClient(
            builder ->
                builder.withConfig(
                    new ConfigBuilder(client.getConfiguration())
                        .withRequestRetryBackoffLimit(0)
                        .build()))) {
      SyncWaiter waiter =
          new SyncWaiter(
              new ArgoCdStatusReader(noRetries),
              Duration.ofMillis(5),
              Clock.systemUTC(),
              d -> Thread.sleep(d.toMillis()));
      result = waiter.await(NAMESPACE, NAME, REVISION, inAMinute(), polls::incrementAndGet);
    }

    assertThat(result.status()).isEqualTo(Status.SYNCED);
    assertThat(polls).hasValue(1);
  }

  @Test
  void givesUpAtOnceWhenAccessIsDenied() {
    Applications.create(client, "synced");
    server.expect().get().withPath(APPLICATION_PATH).andReturn(403, "forbidden").always();

    assertThatThrownBy(
            () ->
                realTimeWaiter()
                    .await(NAMESPACE, NAME, REVISION, inAMinute(), polls::incrementAndGet))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
  }

  private SyncWaiter realTimeWaiter() {
    return new SyncWaiter(
        new ArgoCdStatusReader(client),
        Duration.ofMillis(5),
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()));
  }

  private static Instant inAMinute() {
    return Instant.now().plusSeconds(60);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A clock that moves only when the waiter sleeps. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
