package io.imagefactory.argocd;

import static io.imagefactory.argocd.Applications.NAME;
import static io.imagefactory.argocd.Applications.NAMESPACE;
import static io.imagefactory.argocd.Applications.OLD_REVISION;
import static io.imagefactory.argocd.Applications.REVISION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.imagefactory.kargo.CrdSchemas;
import io.imagefactory.kargo.ManifestDocuments;
import io.imagefactory.kargo.SharedReference;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ArgoCdStatusReaderTest {

  KubernetesClient client;

  @Test
  void readsSyncHealthAndTheLastOperation() {
    Applications.create(client, "synced");

    ApplicationStatus status = new ArgoCdStatusReader(client).read(NAMESPACE, NAME).orElseThrow();

    assertThat(status.syncRevisions()).containsExactly(REVISION);
    assertThat(status.syncStatus()).isEqualTo("Synced");
    assertThat(status.healthStatus()).isEqualTo("Healthy");
    assertThat(status.operationPhase()).isEqualTo("Succeeded");
    assertThat(status.operationRevisions()).containsExactly(REVISION);
  }

  @Test
  void takesTheRequestedRevisionOfAnOperationThatHasNoResultYet() {
    Applications.create(client, "out-of-sync");

    ApplicationStatus status = new ArgoCdStatusReader(client).read(NAMESPACE, NAME).orElseThrow();

    assertThat(status.syncRevisions()).containsExactly(OLD_REVISION);
    assertThat(status.operationPhase()).isEqualTo("Running");
    assertThat(status.operationRevisions()).containsExactly(REVISION);
  }

  @Test
  void readsEveryRevisionOfAMultiSourceApplication() {
    Applications.create(client, "multi-source");

    ApplicationStatus status = new ArgoCdStatusReader(client).read(NAMESPACE, NAME).orElseThrow();

    assertThat(status.syncRevisions()).hasSize(2).endsWith(REVISION);
    assertThat(status.operationPhase()).isNull();
  }

  @Test
  void readsHealthMessagesAndConditions() {
    Applications.create(client, "operation-failed");
    ArgoCdStatusReader reader = new ArgoCdStatusReader(client);

    ApplicationStatus failed = reader.read(NAMESPACE, NAME).orElseThrow();
    Applications.changeStatusTo(client, "degraded");
    ApplicationStatus degraded = reader.read(NAMESPACE, NAME).orElseThrow();

    assertThat(failed.conditions())
        .singleElement()
        .asString()
        .startsWith("SyncError: one or more objects failed");
    assertThat(failed.operationMessage()).contains("is invalid");
    assertThat(degraded.healthMessage()).contains("cannot reach its registry");
  }

  @Test
  void readsNothingForAMissingApplication() {
    assertThat(new ArgoCdStatusReader(client).read(NAMESPACE, NAME)).isEmpty();
  }

  @Test
  void fixturesAreShapedAsTheArgoCdApplicationCrd() {
    Path crd = SharedReference.require(SharedReference.ARGO_CD_APPLICATION_CRD);
    CrdSchemas schemas = CrdSchemas.load(List.of(crd));

    for (String fixture : Applications.FIXTURES) {
      JsonNode application =
          ManifestDocuments.parse(
                  client.getKubernetesSerialization().asYaml(Applications.load(client, fixture)))
              .get(0);
      assertThat(schemas.validate(application)).as(fixture).isEmpty();
    }
  }
}
