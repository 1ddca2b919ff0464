package io.imagefactory.worker.crash;

import io.imagefactory.worker.WorkerApplication;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import javax.annotation.Nonnull;

/**
 * The worker application as the crash tests run it in a process of their own, with two changes a
 * killed worker needs on the Temporal test server, and nothing else:
 *
 * <ul>
 *   <li><b>Sticky execution off.</b> A worker asks the server to send a workflow's next task to its
 *       own sticky queue; a real server moves the task to the normal queue when nobody polls the
 *       sticky one within its schedule-to-start timeout (5 s), but the test server has no such
 *       timeout for workflow tasks, so every workflow cached by a killed worker would stall for
 *       good. A zero timeout makes the SDK send no sticky attributes at all.
 *   <li><b>A short commit timeout.</b> The test server cannot skip time while an activity is
 *       outstanding, so a commit lost with its worker would hold the clock for its 5-minute
 *       start-to-close timeout in real time; {@link LostActivityTimeouts} shortens it.
 * </ul>
 */
public final class CrashTestWorker {

  private CrashTestWorker() {}

  public static void main(String[] args) {
    var application = WorkerApplication.application();
    application.addInitializers(
        context -> {
          var beans = context.getBeanFactory();
          beans.registerSingleton("crashTestStickyExecutionOff", new StickyExecutionOff());
          beans.registerSingleton("crashTestLostActivityTimeouts", new ShortCommitTimeout());
        });
    application.run(args);
  }

  /** No sticky queue: every workflow task goes to the task queue any worker polls. */
  static final class StickyExecutionOff implements WorkerOptionsCustomizer {
    @Override
    public WorkerOptions.Builder customize(
        @Nonnull WorkerOptions.Builder options,
        @Nonnull String workerName,
        @Nonnull String taskQueue) {
      return options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
  }

  /** The writer's commit activity times out after {@link LostActivityTimeouts#COMMIT}. */
  static final class ShortCommitTimeout
      implements TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> {
    @Nonnull
    @Override
    public WorkerFactoryOptions.Builder customize(@Nonnull WorkerFactoryOptions.Builder options) {
      return options.setWorkerInterceptors(new WorkerInterceptor[] {new LostActivityTimeouts()});
    }
  }
}
