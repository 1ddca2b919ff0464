package io.imagefactory.enrollment.plan;

import static io.imagefactory.enrollment.plan.PlannerFixtures.analysed;
import static io.imagefactory.enrollment.plan.PlannerFixtures.images;
import static io.imagefactory.enrollment.plan.PlannerFixtures.managed;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which tags of an external image's repository the planner treats as that image: the tags its
 * Warehouse follows, decided as Kargo decides them. The {@code @Timeout} is a hang guard (the
 * backtracking matcher this replaced spun for minutes on the hostile case), not a speed claim.
 */
class TagFilterPlanningTest {

  private static final Instant T0 = Instant.parse("2024-12-04T10:00:00Z");
  private static final String HOSTILE_TAG = "a".repeat(40) + "-";

  private final EnrollmentPlanner planner = new EnrollmentPlanner();
  private final StateSnapshotReader reader = new StateSnapshotReader();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aBacktrackingFilterIsMatchedPromptlyWithTheRightAnswer() {
    Catalog catalog =
        images(external("postgres", "^(.*a){12}$", "Lexical"), managed("web"), managed("api"));

    StateSnapshot state =
        enroll(
            catalog,
            Map.of(
                "web", analysed("postgres:" + HOSTILE_TAG),
                "api", analysed("postgres:" + "a".repeat(12))));

    ManagedImageState web = (ManagedImageState) state.images().get("web");
    assertThat(web.baseImages()).singleElement().isNotEqualTo("postgres");
    BaseImageState base = state.baseImages().get(web.baseImages().get(0));
    assertThat(base.tag()).isEqualTo(HOSTILE_TAG);
    assertThat(base.repoURL()).isEqualTo("docker.io/library/postgres");
    assertThat(((ManagedImageState) state.images().get("api")).baseImages())
        .containsExactly("postgres");
  }

  @Test
  void theDigestStrategyFollowsOnlyItsConstraintTagEvenWithAnUnescapedDot() {
    Catalog catalog =
        images(external("golang", "^1.17$", "Digest"), managed("web"), managed("api"));

    StateSnapshot state =
        enroll(catalog, Map.of("web", analysed("golang:1.17"), "api", analysed("golang:1x17")));

    assertThat(((ManagedImageState) state.images().get("web")).baseImages())
        .containsExactly("golang");
    // Kargo watches golang at 1.17 only, so 1x17 is a base of its own, watched on its own.
    assertThat(((ManagedImageState) state.images().get("api")).baseImages())
        .containsExactly("golang-1x17");
  }

  @Test
  void aFilterMatchesAnywhereInTheTagUnlessAnchored() {
    Catalog catalog =
        images(
            external("postgres", "alpine", "Lexical"),
            external("redis", "^7$", "Lexical"),
            managed("web"));

    StateSnapshot state =
        enroll(catalog, Map.of("web", analysed("postgres:16-alpine3.20", "redis:7-alpine")));

    assertThat(((ManagedImageState) state.images().get("web")).baseImages())
        .containsExactly("postgres", "redis-7-alpine");
  }

  @Test
  void aBlankFilterFollowsEveryTagAsTheRenderedWarehouseDoes() {
    Catalog catalog = images(external("postgres", " ", "Lexical"), managed("web"));

    StateSnapshot state = enroll(catalog, Map.of("web", analysed("postgres:16-alpine")));

    assertThat(((ManagedImageState) state.images().get("web")).baseImages())
        .containsExactly("postgres");
  }

  private StateSnapshot enroll(Catalog catalog, Map<String, AnalysisOutcome> outcomes) {
    EnrollmentPlan plan = planner.plan(catalog, StateSnapshot.empty(), outcomes, T0);
    return reader.apply(StateSnapshot.empty(), plan.changes());
  }

  private static String external(String name, String allowTags, String strategy) {
    return """
      - name: %s
        registry: docker.io
        repository: library/%s
        allowTags: '%s'
        imageSelectionStrategy: %s
    """
        .formatted(name, name, allowTags, strategy);
  }
}
