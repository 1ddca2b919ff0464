package io.imagefactory;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.StateChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadCompressionTest {

  private final DataConverter converter = PayloadCompression.dataConverter();

  /** What an enrollment of {@code images} images hands the writer. */
  private static StateChangeBatch enrollment(int images) {
    List<ImageAnalysis> analyses = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      BaseImageReference node =
          new BaseImageReference(
              "node:22-bookworm-slim",
              "node-22-bookworm-slim",
              "docker.io",
              "library/node",
              "22-bookworm-slim",
              null,
              "FROM node:22-bookworm-slim AS build",
              1,
              "build",
              false);
      analyses.add(
          ImageAnalysis.success(
              "app-" + i,
              new DockerfileAnalysis(List.of(node), List.of()),
              "0123456789abcdef0123456789abcdef0123456" + (i % 10)));
    }
    List<StateChange> changes = List.of(new EnrollmentChange(analyses, Instant.EPOCH));
    return new StateChangeBatch("b", WorkflowIds.ENROLLMENT, changes, true);
  }

  private static String encoding(Payload payload) {
    return payload.getMetadataOrThrow("encoding").toStringUtf8();
  }

  @Test
  void aSmallPayloadStaysPlainJsonAnOperatorCanRead() {
    Payload payload = converter.toPayload(enrollment(3)).orElseThrow();

    assertThat(encoding(payload)).isEqualTo("json/plain");
    assertThat(payload.getData().toStringUtf8()).contains("node-22-bookworm-slim");
  }

  @Test
  void aFleetSizedEnrollmentFitsFarBelowTheServersPayloadLimit() {
    StateChangeBatch batch = enrollment(6_000);
    int plain =
        DefaultDataConverter.STANDARD_INSTANCE.toPayload(batch).orElseThrow().getSerializedSize();

    Payload payload = converter.toPayload(batch).orElseThrow();

    // A Temporal server refuses a payload above 2 MB and warns above 512 KB.
    assertThat(plain).isGreaterThan(2 * 1024 * 1024);
    assertThat(encoding(payload)).isEqualTo("binary/zlib");
    assertThat(payload.getSerializedSize()).isLessThan(512 * 1024);
    assertThat(converter.fromPayload(payload, StateChangeBatch.class, StateChangeBatch.class))
        .isEqualTo(batch);
  }

  @Test
  void aPlainPayloadWrittenBeforeCompressionStillDecodes() {
    StateChangeBatch batch = enrollment(2_000);
    Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(batch).orElseThrow();

    assertThat(plain.getSerializedSize()).isGreaterThan(PayloadCompression.THRESHOLD_BYTES);
    assertThat(converter.fromPayload(plain, StateChangeBatch.class, StateChangeBatch.class))
        .isEqualTo(batch);
  }
}
