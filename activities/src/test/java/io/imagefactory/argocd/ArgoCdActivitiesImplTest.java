package io.imagefactory.argocd;

import static io.imagefactory.argocd.Applications.NAME;
import static io.imagefactory.argocd.Applications.NAMESPACE;
import static io.imagefactory.argocd.Applications.REVISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.imagefactory.argocd.AwaitSyncResult.Status;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@EnableKubernetesMockClient(crud = true)
@Timeout(60)
class ArgoCdActivitiesImplTest {

  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  KubernetesClient client;
  KubernetesMockServer server;

  private TestActivityEnvironment environment;
  private final List<Long> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startEnvironment() {
    environment = TestActivityEnvironment.newInstance();
    environment.setActivityHeartbeatListener(Long.class, heartbeats::add);
  }

  @AfterEach
  void closeEnvironment() {
    environment.close();
  }

  @Test
  void heartbeatsItsDeadlineWhileArgoCdSyncsAndThenReportsSynced() throws Exception {
    Applications.create(client, "out-of-sync");
    CountDownLatch firstHeartbeat = new CountDownLatch(1);
    environment.setActivityHeartbeatListener(
        Long.class,
        deadline -> {
          heartbeats.add(deadline);
          firstHeartbeat.countDown();
        });
    CompletableFuture<Void> argoCd =
        CompletableFuture.runAsync(
            () -> {
              try {
                firstHeartbeat.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Applications.changeStatusTo(client, "synced");
            });
    Instant before = Instant.now();

    AwaitSyncResult result = stub(reader()).awaitSync(request(Duration.ofMinutes(5)));

    argoCd.get(10, TimeUnit.SECONDS);
    assertThat(result)
        .isEqualTo(new AwaitSyncResult(Status.SYNCED, "synced and healthy", REVISION));
    assertThat(heartbeats)
        .isNotEmpty()
        .allSatisfy(deadline -> assertThat(deadline).isEqualTo(heartbeats.get(0)));
    assertThat(Instant.ofEpochMilli(heartbeats.get(0)))
        .isBetween(before.plus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));
  }

  @Test
  void keepsTheDeadlineOfAnEarlierAttempt() {
    Applications.create(client, "out-of-sync");
    long passedDeadline = Instant.now().minusSeconds(1).toEpochMilli();
    environment.setHeartbeatDetails(passedDeadline);

    AwaitSyncResult result = stub(reader()).awaitSync(request(Duration.ofMinutes(5)));

    assertThat(result.status()).isEqualTo(Status.TIMED_OUT);
    assertThat(heartbeats).containsExactly(passedDeadline);
  }

  @Test
  void skipsTheWaitWhenNoClusterIsConfigured() {
    AwaitSyncResult result = stub(Optional.empty()).awaitSync(request(Duration.ofMinutes(5)));

    assertThat(result.status()).isEqualTo(Status.SKIPPED_NO_CLUSTER);
    assertThat(result.deployed()).isFalse();
    assertThat(heartbeats).isEmpty();
  }

  @Test
  void failsWithoutRetryWhenTheServiceAccountMayNotReadApplications() {
    server
        .expect()
        .get()
        .withPath("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/image-factory-kargo")
        .andReturn(403, "forbidden")
        .always();

    assertThatThrownBy(() -> stub(reader()).awaitSync(request(Duration.ofMinutes(5))))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ArgoCdFailures.ACCESS_DENIED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains("argocd/image-factory-kargo")
                  .contains("403");
            });
  }

  @Test
  void rejectsARequestWithoutRevision() {
    assertThatThrownBy(
            () ->
                stub(reader())
                    .awaitSync(new AwaitSyncRequest(NAME, NAMESPACE, " ", Duration.ofMinutes(1))))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(ArgoCdFailures.INVALID_REQUEST));
  }

  @Test
  void aRequestNamingOnlyTheRevisionWaitsOnTheConfiguredApplication() {
    Applications.create(client, "synced");
    AwaitSyncResult result =
        stub(reader()).awaitSync(AwaitSyncRequest.forRevision(Applications.REVISION));
    assertThat(result.status()).isEqualTo(AwaitSyncResult.Status.SYNCED);
  }

  private Optional<ArgoCdStatusReader> reader() {
    return Optional.of(new ArgoCdStatusReader(client));
  }

  private ArgoCdActivities stub(Optional<ArgoCdStatusReader> reader) {
    environment.registerActivitiesImplementations(
        new ArgoCdActivitiesImpl(
            reader,
            new AwaitSyncRequest(NAME, NAMESPACE, null, Duration.ofMinutes(1)),
            Duration.ofMillis(5)));
    return environment.newActivityStub(ArgoCdActivities.class, OPTIONS);
  }

  private static AwaitSyncRequest request(Duration timeout) {
    return new AwaitSyncRequest(NAME, NAMESPACE, REVISION, timeout);
  }
}
