package io.imagefactory.argocd;

import static io.imagefactory.argocd.Applications.NAME;
import static io.imagefactory.argocd.Applications.NAMESPACE;
import static io.imagefactory.argocd.Applications.REVISION;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.imagefactory.argocd.AwaitSyncResult.Status;
import io.imagefactory.argocd.SyncWaiterTest.MutableClock;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositorySettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait for a commit on a real state repository: Argo CD synced at a newer commit of the single
 * writer deploys ours too; at an unrelated or an older revision it does not.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(IsolatedGitConfig.class)
@Timeout(30)
class SyncedDescendantTest {

  KubernetesClient client;
  @TempDir Path tmp;
  Repository remote;
  StateRepository state;
  String ours;
  String older;

  @BeforeEach
  void commits() throws IOException {
    remote = GitFixtures.bare(tmp.resolve("state.git"));
    older =
        GitFixtures.commit(remote, "main", "older", Map.of("images.yaml", "images: []\n")).name();
    ours = GitFixtures.commit(remote, "main", "ours", Map.of("a.yaml", "a: 1\n")).name();
    state =
        new StateRepository(
            StateRepositorySettings.of(tmp.resolve("state.git").toString(), tmp.resolve("cache")));
    state.read();
  }

  @AfterEach
  void close() {
    state.close();
    remote.close();
  }

  @Test
  void aNewerCommitOfTheStateRepositoryDeploysOursToo() throws Exception {
    // Pushed after the cache last fetched: the check fetches it.
    String newer = GitFixtures.commit(remote, "main", "newer", Map.of("b.yaml", "b: 2\n")).name();

    assertThat(waitWithArgoCdAt(newer).status()).isEqualTo(Status.SYNCED);
  }

  @Test
  void anUnrelatedRevisionDoesNot() throws Exception {
    try (Repository other = GitFixtures.bare(tmp.resolve("other.git"))) {
      String unrelated = GitFixtures.commit(other, "main", "x", Map.of("x", "x\n")).name();

      assertThat(waitWithArgoCdAt(unrelated).status()).isEqualTo(Status.TIMED_OUT);
    }
  }

  @Test
  void anOlderRevisionDoesNot() throws Exception {
    AwaitSyncResult result = waitWithArgoCdAt(older);

    assertThat(result.status()).isEqualTo(Status.TIMED_OUT);
    assertThat(state.includes(ours, older)).isTrue();
    assertThat(state.includes(older, ours)).isFalse();
    assertThat(state.includes("not-a-commit", ours)).isFalse();
  }

  private AwaitSyncResult waitWithArgoCdAt(String revision) throws Exception {
    client
        .genericKubernetesResources(ArgoCdStatusReader.APPLICATIONS)
        .inNamespace(NAMESPACE)
        .resource(syncedAt(revision))
        .create();
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    SyncWaiter waiter =
        new SyncWaiter(
            new ArgoCdStatusReader(client),
            Duration.ofSeconds(10),
            clock,
            clock::advance,
            state::includes);
    return waiter.await(NAMESPACE, NAME, ours, clock.instant().plusSeconds(30), () -> {});
  }

  /** The synced and healthy fixture, reporting {@code revision} wherever it reports one. */
  private GenericKubernetesResource syncedAt(String revision) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("argocd/synced.yaml")) {
      String yaml =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(REVISION, revision);
      return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    }
  }
}
