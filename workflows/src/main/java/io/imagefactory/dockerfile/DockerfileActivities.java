package io.imagefactory.dockerfile;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Reads and analyses Dockerfiles from source repositories (or the state repository). */
@ActivityInterface
public interface DockerfileActivities {

  /**
   * Fetches the group's repository once and analyses each image's Dockerfile at the tip of its
   * branch. A broken Dockerfile, a missing file or a refused host is that image's failure, never
   * the group's. Idempotent: it reads only.
   */
  @ActivityMethod
  List<ImageAnalysis> analyzeGroup(AnalysisGroup group);
}
