package io.imagefactory.enrollment.plan;

import static io.imagefactory.enrollment.plan.PlannerFixtures.analysed;
import static io.imagefactory.enrollment.plan.PlannerFixtures.catalog;
import static io.imagefactory.enrollment.plan.PlannerFixtures.managed;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.enrollment.EntitySetups;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code verify:} rule reaches the base it covers: enrollment writes it into the base's state
 * file (configuration: {@code images.yaml} wins), and the base workflow is set up with it; a
 * managed image others are built on gets the rule for its own repository the same way.
 */
class VerifyRulePlanningTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String RULES =
      """
      verify:
        - {repository: "docker.io/library/node", key: keys/cosign.pub, mode: warn}
        - {repository: "docker.io/library/*", key: keys/cosign.pub}
      """;

  private final EnrollmentPlanner planner = new EnrollmentPlanner();
  private final StateSnapshotReader reader = new StateSnapshotReader();

  @Test
  void eachBaseCarriesTheFirstRuleThatCoversItsRepository() {
    StateSnapshot state =
        enroll(RULES + "images:\n" + managed("api") + managed("web"), StateSnapshot.empty());

    assertThat(state.baseImages().get("node-22").verify().mode()).isEqualTo(VerifyRule.WARN);
    assertThat(state.baseImages().get("python-3.13").verify().mode()).isEqualTo(VerifyRule.ENFORCE);
    assertThat(state.baseImages().values())
        .filteredOn(b -> b.repoURL().startsWith("gcr.io/"))
        .singleElement()
        .satisfies(b -> assertThat(b.verify()).isNull());
    List<BaseSetup> setups = EntitySetups.of(state).bases();
    assertThat(setups)
        .filteredOn(b -> b.name().equals("node-22"))
        .singleElement()
        .satisfies(b -> assertThat(b.verify().mode()).isEqualTo(VerifyRule.WARN));
  }

  @Test
  void removingTheRuleRemovesItFromTheStateFileAndTheDigestsSurvive() {
    StateSnapshot withRule =
        enroll(RULES + "images:\n" + managed("api") + managed("web"), StateSnapshot.empty());

    StateSnapshot without = enroll("images:\n" + managed("api") + managed("web"), withRule);

    assertThat(without.baseImages().values()).allSatisfy(b -> assertThat(b.verify()).isNull());
    assertThat(without.baseImages().keySet()).isEqualTo(withRule.baseImages().keySet());
  }

  @Test
  void aManagedImageOthersAreBuiltOnCarriesTheRuleForItsOwnRepositoryAndALeafImageDoesNot() {
    String rules = "verify:\n  - {repository: \"ghcr.io/example-org/*\", key: keys/cosign.pub}\n";
    StateSnapshot state =
        enrollImages(
            rules + "images:\n" + managed("base-python") + managed("reports"),
            StateSnapshot.empty());

    ManagedImageState base = (ManagedImageState) state.images().get("base-python");
    assertThat(base.enrollment().verify().repository()).isEqualTo("ghcr.io/example-org/*");
    assertThat(base.enrollment().verify().enforced()).isTrue();
    // Nothing is built on reports, so its builds never cascade and its file names no rule.
    assertThat(state.images().get("reports").enrollment().verify()).isNull();
    ImageConfig config =
        EntitySetups.of(state).images().stream()
            .map(ImageSetup::config)
            .filter(c -> c.name().equals("base-python"))
            .findFirst()
            .orElseThrow();
    assertThat(config.repoURL()).isEqualTo("ghcr.io/example-org/base-python");
    assertThat(config.verify()).isEqualTo(base.enrollment().verify());

    StateSnapshot without =
        enrollImages("images:\n" + managed("base-python") + managed("reports"), state);
    assertThat(without.images().get("base-python").enrollment().verify()).isNull();
  }

  private StateSnapshot enrollImages(String yaml, StateSnapshot before) {
    EnrollmentPlan plan =
        planner.plan(
            catalog(yaml),
            before,
            Map.of(
                "base-python", analysed("python:3.12-slim"),
                "reports", analysed("ghcr.io/example-org/base-python:latest")),
            T0);
    return reader.apply(before, plan.changes());
  }

  private StateSnapshot enroll(String yaml, StateSnapshot before) {
    EnrollmentPlan plan =
        planner.plan(
            catalog(yaml),
            before,
            Map.of(
                "api", analysed("node:22", "gcr.io/distroless/static-debian12"),
                "web", analysed("python:3.13")),
            T0);
    return reader.apply(before, plan.changes());
  }
}
