package io.imagefactory.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricsTest {

  @Test
  void findsTheMetricsAndNotTheFunctionsLabelsRangesOrKeywords() {
    assertThat(
            PromQlMetrics.in(
                "histogram_quantile(0.9, sum by (le) "
                    + "(rate(a_seconds_bucket{outcome=~\"x|y\"}[1h])))"
                    + " > 0 and sum(increase(b_total[5m])) == 0 or max(c) > 0.5 * d"))
        .containsExactly("a_seconds_bucket", "b_total", "c", "d");
  }
}
