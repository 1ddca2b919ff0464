package io.imagefactory.enrollment;

import java.util.List;

/**
 * Where a running enrollment is.
 *
 * @param phase what it is doing now
 * @param total managed images it analyses
 * @param images the images it has an outcome for so far
 */
public record EnrollmentProgress(String phase, int total, List<ImageOutcome> images) {

  public EnrollmentProgress {
    images = List.copyOf(images);
  }
}
