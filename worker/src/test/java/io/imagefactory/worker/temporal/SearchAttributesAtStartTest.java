package io.imagefactory.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.WorkerApplication;
import io.temporal.api.enums.v1.IndexedValueType;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A worker pointed at a namespace whose search attribute has another type does not start, and says
 * why with the commands; the Java test server cannot hold a wrongly typed attribute, so a tiny
 * Temporal of our own ({@link FakeOperatorService}) plays the namespace.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SearchAttributesAtStartTest {

  @TempDir Path data;

  @Test
  void aNamespaceWithAWronglyTypedAttributeStopsTheStartWithTheCommands() {
    try (FakeOperatorService temporal = new FakeOperatorService()) {
      temporal.attributes.putAll(EntitySearchAttributes.DEFINITIONS);
      temporal.attributes.put("RebuildPending", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

      assertThatThrownBy(
              () ->
                  WorkerApplication.application()
                      .run(
                          "--server.port=0",
                          "--spring.temporal.connection.target=" + temporal.target(),
                          "--image-factory.webhook.token=webhook-token-for-this-test",
                          "--image-factory.embedded.data-dir=" + data,
                          "--image-factory.embedded.examples-dir="
                              + System.getProperty("image-factory.project-dir")
                              + "/examples")
                      .close())
          .isInstanceOfSatisfying(
              SearchAttributesRefusedException.class,
              refusal -> {
                assertThat(refusal)
                    .hasMessageStartingWith(
                        "Temporal namespace default at " + temporal.target() + " is not ready")
                    .hasMessageContaining("RebuildPending is Keyword where the workflows set Bool")
                    .hasMessageContaining(
                        "temporal operator search-attribute create --namespace default"
                            + " --name RebuildPending --type Bool");
                FailureAnalysis analysis = new SearchAttributesFailureAnalyzer().analyze(refusal);
                assertThat(analysis.getDescription()).isEqualTo(refusal.getMessage());
              });
      assertThat(temporal.adds).isEmpty();
    }
  }
}
