package io.imagefactory.worker;

import io.imagefactory.EntitySearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole worker in this JVM on the embedded default's state repository (created from {@code
 * examples/} under a data directory), with the Temporal starter's time-skipping test server, for
 * tests that drive every enrollment themselves: no enrollment at start and no drift checks, which
 * skipped time would otherwise fire every hour.
 */
public final class TimeSkippingWorker implements AutoCloseable {

  public final ConfigurableApplicationContext context;
  public final TestWorkflowEnvironment temporal;
  public final WorkflowClient client;
  public final Repository stateRepo;
  public final String baseUrl;
  public final String token;

  private TimeSkippingWorker(ConfigurableApplicationContext context, Path data, String token)
      throws IOException {
    this.context = context;
    this.token = token;
    temporal = context.getBean(TestWorkflowEnvironment.class);
    EntitySearchAttributes.DEFINITIONS.forEach(temporal::registerSearchAttribute);
    client = context.getBean(WorkflowClient.class);
    baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    stateRepo =
        new FileRepositoryBuilder()
            .setGitDir(data.resolve("state-repo.git").toFile())
            .setMustExist(true)
            .build();
  }

  /**
   * Starts it with its data under {@code data}, the webhook {@code token} and further arguments.
   */
  public static TimeSkippingWorker start(Path data, String token, String... arguments)
      throws IOException {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--image-factory.enrollment.on-start=false",
                "--image-factory.enrollment.drift-interval=0",
                "--spring.temporal.test-server.enabled=true",
                "--image-factory.webhook.token=" + token,
                "--image-factory.embedded.data-dir=" + data,
                "--image-factory.embedded.examples-dir=" + examples()));
    all.addAll(List.of(arguments));
    return new TimeSkippingWorker(
        WorkerApplication.application().run(all.toArray(String[]::new)), data, token);
  }

  /** The project's {@code examples/}. */
  public static Path examples() {
    return Path.of(System.getProperty("image-factory.project-dir"), "examples");
  }

  @Override
  public void close() {
    stateRepo.close();
    context.close();
  }
}
