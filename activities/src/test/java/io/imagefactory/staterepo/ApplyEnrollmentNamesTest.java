package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApplyEnrollmentNamesTest {

  @Test
  void aFewNamesAreListedAndManyAreCounted() {
    assertThat(ApplyEnrollment.names(List.of("api", "web"), "images")).isEqualTo("api, web");

    List<String> fleet = IntStream.range(0, 300).mapToObj(i -> "app-" + i).toList();
    String described = ApplyEnrollment.names(fleet, "images");

    assertThat(described)
        .isEqualTo("300 images: app-0, app-1, app-2, app-3, app-4 and 295 more")
        .hasSizeLessThan(72);
  }

  @Test
  void aLargeEnrollmentIsCountedByWhatHappenedToItsImages() {
    List<String> fleet = IntStream.range(0, 300).mapToObj(i -> "app-" + i).toList();

    assertThat(ApplyEnrollment.enrolled(12, 288, fleet))
        .isEqualTo("300 images (12 added, 288 changed)");
    assertThat(ApplyEnrollment.enrolled(300, 0, fleet)).isEqualTo("300 images (300 added)");
    assertThat(ApplyEnrollment.enrolled(1, 1, List.of("api", "web"))).isEqualTo("api, web");
  }

  @Test
  void theCommitSubjectOfALargeEnrollmentStaysOneShortLine() {
    List<String> fleet = IntStream.range(0, 300).mapToObj(i -> "app-" + i).toList();
    String message =
        CommitMessage.of(List.of("enroll " + ApplyEnrollment.enrolled(12, 288, fleet)), List.of());

    assertThat(message.lines().findFirst().orElseThrow())
        .isEqualTo("image-factory: enroll 300 images (12 added, 288 changed)");
  }
}
