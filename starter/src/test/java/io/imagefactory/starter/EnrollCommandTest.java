package io.imagefactory.starter;

import static io.imagefactory.starter.Images.DISTROLESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.AnalysisTarget;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.CatalogView;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.EntityPlan;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.statefiles.ImageRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EnrollCommandTest {

  private static final String GOLANG = "golang-1.23-bookworm";
  private static final String WEB_ERROR = "example-images/web/Dockerfile:3: FROM without an image";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ActivityRecorder activities = new ActivityRecorder();
  private PortBoundTemporal temporal;

  @BeforeEach
  void startTemporal() {
    temporal = new PortBoundTemporal(activities);
    activities.client = temporal.client;
    activities.view =
        view(List.of(group("example-org/api", "api"), group("example-org/web", "web")), List.of());
    activities.analyses =
        group ->
            group.repo().endsWith("api")
                ? List.of(
                    ImageAnalysis.success(
                        "api",
                        new DockerfileAnalysis(List.of(base(GOLANG), base(DISTROLESS)), List.of()),
                        "c0ffee"))
                : List.of(ImageAnalysis.failure("web", WEB_ERROR));
    activities.plan =
        new EntityPlan(
            List.of(
                new ImageSetup(
                    Images.managed("api", true, List.of(GOLANG, DISTROLESS), List.of()),
                    ImageRuntime.empty())),
            List.of(),
            List.of());
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void showsEachImageAsItIsAnalysedThenTheSummary() {
    activities.hold("example-org/web");

    CliRun run =
        CliRun.start("enroll", "--wait", "--reason", "git push", "--temporal", temporal.target);
    run.awaitOut("  analysed  api        " + GOLANG + ", " + DISTROLESS + "\n", PATIENCE);
    assertThat(run.out()).doesNotContain("web").doesNotContain("Enrolled");
    activities.release("example-org/web");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(run.out())
        .startsWith("Started enrollment (git push).\n")
        .contains("  unchanged reports\n")
        .contains("  external  postgres\n")
        .contains("  failed    web        " + WEB_ERROR + "\n")
        .contains(
            "Enrolled 4 images: 1 analysed, 1 failed, 1 unchanged, 1 external; commit 1a2b3c4\n")
        .contains("Deployment: Argo CD: SKIPPED_NO_CLUSTER (no Kubernetes cluster configured)\n")
        .endsWith("Fix web, then run: image-factory enroll --wait\n");
    assertThat(run.out().lines().filter(line -> line.contains("  analysed  api"))).hasSize(1);
    // Not a terminal: no running count.
    assertThat(run.out()).doesNotContain("/2 analysed");
    assertThat(activities.catalogReads).containsExactly(EnrollmentRequest.of("git push"));
    assertThat(activities.ensuredImages).containsExactly("api");
  }

  @Test
  void countsTheAnalysedImagesOnATerminal() {
    activities.hold("example-org/web");

    CliRun run =
        CliRun.start(
            (out, err) ->
                new EnrollmentRunner(temporal.client, out, err, true)
                    .run(EnrollmentRequest.of("cli"), true, PATIENCE));
    run.awaitOut("  1/2 analysed (analysing 2 image(s) in 2 repository(ies))\n", PATIENCE);
    assertThat(run.out()).doesNotContain("2/2 analysed");
    activities.release("example-org/web");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.IO_ERROR);
    // Polls see 0/2 or 2/2 only if they happen to fall before or after; 1/2 waited for web.
    assertThat(run.out()).containsOnlyOnce("1/2 analysed").contains("Enrolled 4 images");
  }

  @Test
  void showsAnInvalidRebuildTargetWithTheErrorsOfTheStateFile() {
    String undeclared =
        "images.yaml: image 'api': field 'source.workflowInputs.environment':"
            + " .github/workflows/build.yml declares no input 'environment' (it declares"
            + " base_image)";
    activities.analyses =
        group ->
            List.of(
                ImageAnalysis.success(
                        group.targets().get(0).image(),
                        new DockerfileAnalysis(List.of(base(GOLANG)), List.of()),
                        "c0ffee")
                    .withBuildProblems(
                        group.repo().endsWith("api") ? List.of(undeclared) : List.of()));
    ImageConfig api = Images.managed("api", true, List.of(GOLANG), List.of());
    activities.plan =
        new EntityPlan(
            List.of(
                new ImageSetup(
                    new ImageConfig(
                        api.name(),
                        api.kind(),
                        api.rebuildDelay(),
                        api.autoRebuild(),
                        api.baseImages(),
                        api.pinnedBaseImages(),
                        api.dependentImages(),
                        api.target(),
                        Map.of(),
                        false,
                        List.of(undeclared),
                        null,
                        null,
                        null,
                        null),
                    ImageRuntime.empty())),
            List.of(),
            List.of());

    CliRun run = CliRun.run("enroll", "--wait", "--temporal", temporal.target);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(run.out())
        .contains(
            "  invalid   api        "
                + GOLANG
                + "\n      rebuild target invalid: "
                + undeclared
                + "\n")
        .contains("  analysed  web        " + GOLANG + "\n")
        .contains("Enrolled 4 images: 1 analysed, 1 invalid, 1 unchanged, 1 external;")
        .endsWith("Fix api, then run: image-factory enroll --wait\n");
    assertThat(run.out().lines().filter(line -> line.contains("rebuild target invalid")))
        .hasSize(1);
  }

  @Test
  void queuesOneMorePassWhenAnEnrollmentIsRunning() throws Exception {
    activities.hold("example-org/web");
    CliRun first = CliRun.run("enroll", "--reason", "first", "--temporal", temporal.target);
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.OK);
    assertThat(first.out())
        .isEqualTo(
            "Started enrollment (first).\n"
                + "Follow workflow 'enrollment' in the Temporal UI, or pass --wait to see each"
                + " image's outcome.\n");
    assertThat(activities.holding.await(30, TimeUnit.SECONDS)).isTrue();

    CliRun second = CliRun.run("enroll", "--reason", "second", "--temporal", temporal.target);
    activities.release("example-org/web");

    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.OK);
    assertThat(second.out())
        .startsWith("An enrollment is running; it will make one more pass for: second\n");
    temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.ENROLLMENT)
        .getResult(30, TimeUnit.SECONDS, EnrollmentResult.class);
    assertThat(activities.catalogReads)
        .containsExactly(EnrollmentRequest.of("first"), EnrollmentRequest.of("second"));
  }

  @Test
  void reportsEveryErrorOfAnInvalidImagesYamlAndChangesNothing() {
    activities.view =
        view(
            List.of(),
            List.of(
                "images.yaml:4: image 'web': field source.repo: host evil.example.com is not"
                    + " allowed",
                "images.yaml:9: image 'Api': field name: must be a DNS-1123 label"));

    CliRun run = CliRun.run("enroll", "--wait", "--temporal", temporal.target);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out()).contains("Enrollment changed nothing: 2 error(s).\n");
    assertThat(run.err())
        .isEqualTo(
            "  error: images.yaml:4: image 'web': field source.repo: host evil.example.com is not"
                + " allowed\n"
                + "  error: images.yaml:9: image 'Api': field name: must be a DNS-1123 label\n");
    assertThat(activities.submitted).isEmpty();
  }

  @Test
  void reanalysesTheNamedImagesAndSucceedsWhenAllAreAnalysed() {
    Images.start(
        temporal.client,
        Images.managed("api", true, List.of(GOLANG), List.of()),
        ImageRuntime.empty());
    activities.view = view(List.of(group("example-org/api", "api")), List.of());

    CliRun run = CliRun.run("reanalyze", "api", "--wait", "--temporal", temporal.target);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(activities.catalogReads)
        .containsExactly(new EnrollmentRequest("cli reanalyze api", List.of("api"), false));
    assertThat(run.out())
        .contains("Enrolled 3 images: 1 analysed, 1 unchanged, 1 external; commit 1a2b3c4\n");
  }

  @Test
  void reanalysesAllImages() {
    activities.view = view(List.of(group("example-org/api", "api")), List.of());

    CliRun run = CliRun.run("reanalyze", "--all", "--wait", "--temporal", temporal.target);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(activities.catalogReads)
        .containsExactly(new EnrollmentRequest("cli reanalyze --all", List.of(), true));
  }

  @Test
  void refusesToReanalyseAnImageThatIsNotEnrolled() {
    CliRun run = CliRun.run("reanalyze", "ghost", "--temporal", temporal.target);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("no image named 'ghost' is enrolled");
    assertThat(activities.catalogReads).isEmpty();
  }

  private static CatalogView view(List<AnalysisGroup> groups, List<String> errors) {
    return new CatalogView(
        "0123456789abcdef",
        errors,
        groups,
        List.of("reports"),
        List.of("postgres"),
        List.of(),
        List.of());
  }

  private static AnalysisGroup group(String repo, String image) {
    AnalysisTarget target =
        new AnalysisTarget(image, "main", "Dockerfile", Map.of(), "github", "build.yml", Map.of());
    return new AnalysisGroup(repo, null, List.of(target));
  }

  private static BaseImageReference base(String name) {
    return new BaseImageReference(
        "docker.io/library/" + name,
        name,
        "docker.io",
        "library/" + name,
        "latest",
        null,
        "FROM",
        1,
        "0",
        false);
  }
}
