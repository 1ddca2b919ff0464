package io.imagefactory.worker.metrics;

import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.DockerfileActivities;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The Dockerfile activities, counting each analysis they return by outcome: {@code analysed},
 * {@code invalid} (bases found, rebuild target wrong) or {@code failed}. Counting around the
 * activity rather than in it leaves the analyser untouched; an attempt that throws returns no
 * analysis, so only the attempt whose result the enrollment uses is counted.
 */
public final class CountedDockerfileActivities implements DockerfileActivities {

  static final String ANALYSED = "analysed";
  static final String INVALID = "invalid";
  static final String FAILED = "failed";

  private final DockerfileActivities delegate;
  private final MeterRegistry registry;

  public CountedDockerfileActivities(DockerfileActivities delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
    List.of(ANALYSED, INVALID, FAILED).forEach(this::counter);
  }

  @Override
  public List<ImageAnalysis> analyzeGroup(AnalysisGroup group) {
    List<ImageAnalysis> analyses = delegate.analyzeGroup(group);
    for (ImageAnalysis analysis : analyses) {
      counter(outcomeOf(analysis)).increment();
    }
    return analyses;
  }

  static String outcomeOf(ImageAnalysis analysis) {
    if (!analysis.succeeded()) {
      return FAILED;
    }
    return analysis.buildProblems().isEmpty() ? ANALYSED : INVALID;
  }

  private Counter counter(String outcome) {
    return Counter.builder(MetricNames.ANALYSES)
        .description("Dockerfile analyses of managed images, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
