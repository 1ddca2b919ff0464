package io.imagefactory;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.budget.RebuildBudgetWorkflowImpl;
import io.imagefactory.drift.DriftWorkflowImpl;
import io.imagefactory.enrollment.EnrollmentWorkflowImpl;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.staterepo.StateRepoWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the recorded histories in {@code src/test/resources/histories}: a change to workflow code
 * that would not replay a running workflow fails the build. Record new histories with {@code mvn
 * test -pl workflows -Dtest=WorkflowHistoryRecorder -Dimage-factory.record-histories=true} after a
 * deliberate change; until the first release they are re-recorded, after it the released version's
 * histories are kept (see the workflows README, "When versioning starts").
 */
class WorkflowReplayTest {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  private static final Map<String, Class<?>> IMPLEMENTATIONS =
      Map.of(
          "image", ImageWorkflowImpl.class,
          "base", BaseImageWorkflowImpl.class,
          "state-repo", StateRepoWorkflowImpl.class,
          "enrollment", EnrollmentWorkflowImpl.class,
          "drift", DriftWorkflowImpl.class,
          "rebuild-budget", RebuildBudgetWorkflowImpl.class);

  static Stream<String> histories() throws IOException {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithoutNonDeterminism(String file) throws Exception {
    Class<?> implementation = IMPLEMENTATIONS.get(file.substring(0, file.indexOf("--")));
    WorkflowReplayer.replayWorkflowExecution(
        Files.readString(HISTORIES.resolve(file)), implementation);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void everyWorkflowHasARecordedHistory(String ignored) throws IOException {
    assertThat(histories().map(f -> f.substring(0, f.indexOf("--"))))
        .containsAll(IMPLEMENTATIONS.keySet());
  }
}
