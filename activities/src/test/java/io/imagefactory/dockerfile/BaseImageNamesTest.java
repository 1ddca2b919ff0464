package io.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseImageNamesTest {

  private static final String HUB_NODE = "docker.io/library/node:22";
  private static final String QUAY_NODE = "quay.io/node:22";
  private static final String GHCR_NODE = "ghcr.io/node:22";

  @Test
  void givesEachNewReferenceItsCandidateWhenFree() {
    Map<String, String> names =
        BaseImageNames.assign(
            Map.of(), Map.of(HUB_NODE, "node-22", "docker.io/library/alpine:3.20", "alpine-3.20"));

    assertThat(names)
        .isEqualTo(Map.of(HUB_NODE, "node-22", "docker.io/library/alpine:3.20", "alpine-3.20"));
  }

  @Test
  void givesTheFirstReferenceInSortedOrderTheCandidateAndHashesTheOthers() {
    Map<String, String> names =
        BaseImageNames.assign(
            Map.of(), Map.of(QUAY_NODE, "node-22", HUB_NODE, "node-22", GHCR_NODE, "node-22"));

    assertThat(names)
        .containsEntry(HUB_NODE, "node-22")
        .containsEntry(GHCR_NODE, BaseImageNames.withHashSuffix("node-22", GHCR_NODE))
        .containsEntry(QUAY_NODE, BaseImageNames.withHashSuffix("node-22", QUAY_NODE));
    assertThat(names.values()).doesNotHaveDuplicates();
  }

  @Test
  void keepsExistingNamesEvenWhenANewReferenceSortsFirst() {
    Map<String, String> names =
        BaseImageNames.assign(
            Map.of(QUAY_NODE, "node-22"), Map.of(HUB_NODE, "node-22", QUAY_NODE, "other"));

    assertThat(names)
        .containsEntry(QUAY_NODE, "node-22")
        .containsEntry(HUB_NODE, BaseImageNames.withHashSuffix("node-22", HUB_NODE))
        .hasSize(2);
  }

  @Test
  void dependsOnlyOnTheInputsNotTheirOrder() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put(HUB_NODE, "node-22");
    forward.put(QUAY_NODE, "node-22");
    forward.put(GHCR_NODE, "node-22");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put(GHCR_NODE, "node-22");
    backward.put(QUAY_NODE, "node-22");
    backward.put(HUB_NODE, "node-22");

    assertThat(BaseImageNames.assign(Map.of(), forward))
        .isEqualTo(BaseImageNames.assign(Map.of(), backward));
  }

  @Test
  void leavesTheExistingMapsUntouched() {
    Map<String, String> existing = new LinkedHashMap<>(Map.of(QUAY_NODE, "node-22"));
    Map<String, String> candidates = new LinkedHashMap<>(Map.of(HUB_NODE, "node-22"));

    BaseImageNames.assign(existing, candidates);

    assertThat(existing).isEqualTo(Map.of(QUAY_NODE, "node-22"));
    assertThat(candidates).isEqualTo(Map.of(HUB_NODE, "node-22"));
  }

  @ParameterizedTest
  @CsvSource({"node-22, 16", "a, 10", "x, 63", "x, 200", "a-b., 60"})
  void hashSuffixKeepsNamesShortAndValid(String stem, int repeat) {
    String name = stem.repeat(repeat);

    String suffixed = BaseImageNames.withHashSuffix(name, "ref/" + name);

    assertThat(suffixed)
        .hasSizeLessThanOrEqualTo(BaseImageNames.MAX_LENGTH)
        .matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?-[0-9a-f]{8}")
        .startsWith(name.substring(0, Math.min(name.length(), 40)).replaceAll("[.-]+$", ""));
  }

  @Test
  void hashSuffixIsTheStartOfTheSha256OfTheReference() {
    // echo -n docker.io/library/node:22 | sha256sum
    assertThat(BaseImageNames.withHashSuffix("node-22", HUB_NODE)).isEqualTo("node-22-281a10c0");
    assertThat(BaseImageNames.withHashSuffix("node-22", QUAY_NODE))
        .isNotEqualTo(BaseImageNames.withHashSuffix("node-22", HUB_NODE));
  }
}
