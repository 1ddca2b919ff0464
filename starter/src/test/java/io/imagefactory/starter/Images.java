package io.imagefactory.starter;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Image configurations and running image workflows for CLI tests. */
final class Images {

  static final String NODE = "node-22-bookworm-slim";
  static final String DISTROLESS = "distroless-static-debian12-nonroot";
  static final Duration WEEK = Duration.ofDays(7);

  private Images() {}

  static ImageConfig managed(
      String name, boolean autoRebuild, List<String> bases, List<String> pinned) {
    return new ImageConfig(
        name,
        ImageKind.MANAGED,
        WEEK,
        autoRebuild,
        bases,
        pinned,
        List.of(),
        new RebuildTarget("github", "example-org/" + name, "build.yml", "main", Map.of()),
        Map.of(),
        false,
        List.of(),
        null,
        null,
        null,
        null);
  }

  static ImageConfig external(String name) {
    return new ImageConfig(
        name,
        ImageKind.EXTERNAL,
        WEEK,
        false,
        List.of(),
        List.of(),
        List.of(),
        null,
        Map.of(),
        false,
        List.of(),
        null,
        null,
        null,
        null);
  }

  /** A runtime with one candidate of the base, first seen at the given time. */
  static ImageRuntime pending(String base, String digest, Instant firstSeen) {
    return new ImageRuntime(
        digest(99),
        "1.0.0",
        firstSeen.minus(Duration.ofDays(30)),
        null,
        List.of(new PendingDigest(base, digest, firstSeen)),
        List.of(),
        false,
        firstSeen.plus(WEEK),
        null,
        0,
        0,
        null);
  }

  static void start(WorkflowClient client, ImageConfig config, ImageRuntime runtime) {
    ImageWorkflow image =
        client.newWorkflowStub(
            ImageWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.MAIN)
                .setWorkflowId(WorkflowIds.image(config.name()))
                .build());
    WorkflowClient.start(image::run, new ImageSetup(config, runtime));
  }

  static String digest(int n) {
    return String.format("sha256:%064x", n);
  }
}
