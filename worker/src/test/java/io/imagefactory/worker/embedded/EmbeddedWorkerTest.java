package io.imagefactory.worker.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.CapturedLogs;
import io.imagefactory.worker.WorkerApplication;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker as {@code java -jar} starts it with nothing configured: the embedded Temporal server
 * (on a free port here), the local state repository seeded from {@code examples/}, and the API.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedWorkerTest {

  @TempDir static Path data;
  static CapturedLogs logs;
  static ConfigurableApplicationContext worker;

  @BeforeAll
  static void start() {
    SpringApplication application = WorkerApplication.application();
    // Spring Boot sets logging up afresh at startup; capture from then on.
    application.addListeners(
        (ApplicationListener<ApplicationEnvironmentPreparedEvent>)
            e -> logs = CapturedLogs.capture(Level.INFO));
    worker =
        application.run(
            "--server.port=0",
            // An enrollment at start would race the test's own image/postgres workflow.
            "--image-factory.enrollment.on-start=false",
            "--image-factory.embedded.port=0",
            "--image-factory.embedded.data-dir=" + data,
            "--image-factory.embedded.examples-dir="
                + System.getProperty("image-factory.project-dir")
                + "/examples");
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  private static EmbeddedDefaults defaults() {
    return worker.getBean(EmbeddedDefaults.class);
  }

  @Test
  void startsTheEmbeddedServerOnLoopbackAndConnectsTheWorkersToIt() {
    String target = defaults().temporalTarget();

    assertThat(target).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
    assertThat(worker.getEnvironment().getProperty("spring.temporal.connection.target"))
        .isEqualTo(target);
  }

  @Test
  void servesItsApiOnLoopbackOnlyUnlessToldOtherwise() {
    assertThat(worker.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
    org.apache.catalina.connector.Connector connector =
        ((org.springframework.boot.tomcat.TomcatWebServer)
                ((WebServerApplicationContext) worker).getWebServer())
            .getTomcat()
            .getConnector();
    assertThat(String.valueOf(connector.getProperty("address"))).contains("127.0.0.1");
  }

  @Test
  void registersTheSearchAttributes() {
    // The dev server cannot list them; registering one again is refused when it is there.
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(defaults().temporalTarget())
                .validateAndBuildWithDefaults());
    try {
      EntitySearchAttributes.DEFINITIONS.forEach(
          (name, type) ->
              assertThatThrownBy(
                      () ->
                          operator
                              .blockingStub()
                              .addSearchAttributes(
                                  AddSearchAttributesRequest.newBuilder()
                                      .setNamespace("default")
                                      .putSearchAttributes(name, type)
                                      .build()))
                  .as(name)
                  .isInstanceOfSatisfying(
                      StatusRuntimeException.class,
                      e ->
                          assertThat(e.getStatus().getCode())
                              .isEqualTo(Status.Code.ALREADY_EXISTS)));
    } finally {
      operator.shutdownNow();
    }
  }

  @Test
  void runsAnImageWorkflowThatPublishesItsSearchAttributes() throws Exception {
    WorkflowClient client = worker.getBean(WorkflowClient.class);
    ImageConfig config =
        new ImageConfig(
            "postgres",
            ImageKind.EXTERNAL,
            Duration.ofDays(30),
            false,
            List.of(),
            List.of(),
            List.of(),
            null,
            java.util.Map.of(),
            false,
            List.of(),
            null,
            null,
            null,
            null);
    ImageWorkflow image =
        client.newWorkflowStub(
            ImageWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.MAIN)
                .setWorkflowId(WorkflowIds.image("postgres"))
                .build());
    WorkflowClient.start(image::run, new ImageSetup(config, ImageRuntime.empty()));

    assertThat(image.status().config()).isEqualTo(config);
    var attributes =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.image("postgres")))
                    .build())
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsMap();
    assertThat(attributes).containsKeys("ImageName", "ImageKind", "RebuildPending");

    image.unenroll();
    WorkflowStub.fromTyped(image).getResult(10, TimeUnit.SECONDS, Void.class);
  }

  @Test
  void seedsTheLocalStateRepositoryFromTheExamples() {
    Path repository = defaults().stateRepository();

    assertThat(repository).isEqualTo(data.resolve("state-repo.git"));
    assertThat(defaults().stateRepositorySeeded()).isTrue();
    assertThat(repository.resolve("HEAD")).isRegularFile();
    assertThat(worker.getEnvironment().getProperty("image-factory.state-repo.url"))
        .isEqualTo(repository.toString());
  }

  @Test
  void servesTheApiWithTheGeneratedTokenAndTheProbesWithout() throws Exception {
    String token = Files.readString(data.resolve("webhook-token")).strip();

    assertThat(http("/api/v1/images", token).statusCode()).isEqualTo(200);
    assertThat(http("/api/v1/images", null).statusCode()).isEqualTo(401);
    HttpResponse<String> readiness = http("/actuator/health/readiness", null);
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("UP").contains("\"temporal\"");
    assertThat(http("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    assertThat(http("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void saysLoudlyWhatIsEmbedded() {
    List<String> warnings =
        logs.events().stream()
            .filter(e -> e.getLevel() == Level.WARN)
            .filter(e -> e.getLoggerName().equals(StartupNotices.class.getName()))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();

    assertThat(warnings)
        .anySatisfy(w -> assertThat(w).startsWith("EMBEDDED Temporal dev server on 127.0.0.1:"))
        .anySatisfy(
            w -> assertThat(w).contains("LOCAL state repository " + data.resolve("state-repo.git")))
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("GENERATED webhook token in " + data.resolve("webhook-token")))
        .anySatisfy(w -> assertThat(w).contains("RECORDED, NOT SENT"))
        .anySatisfy(
            w -> assertThat(w).contains("GitLab pipelines (source.provider: gitlab) are RECORDED"))
        .anySatisfy(w -> assertThat(w).contains("Argo CD sync wait is SKIPPED"))
        .hasSize(6);
  }

  private static HttpResponse<String> http(String path, String token)
      throws IOException, InterruptedException {
    int port = ((WebServerApplicationContext) worker).getWebServer().getPort();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
