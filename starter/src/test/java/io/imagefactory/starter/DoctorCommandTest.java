package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.staterepo.GitFixtures;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DoctorCommandTest {

  @TempDir Path dir;

  private PortBoundTemporal temporal;
  private FakeWorker worker;
  private Path stateRepo;
  private Path tokenFile;

  @BeforeEach
  void start() throws IOException {
    temporal = new PortBoundTemporal();
    worker = new FakeWorker();
    worker.answer(200, "[]");
    stateRepo = dir.resolve("state.git");
    try (Repository repo = GitFixtures.bare(stateRepo)) {
      GitFixtures.commit(repo, "main", "seed", Map.of("images.yaml", "images: []\n"));
    }
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "s3cret-token\n");
  }

  @AfterEach
  void stop() {
    worker.close();
    temporal.close();
  }

  /** Runs doctor with options for the good setup, each overridden by one in {@code changed}. */
  private CliRun doctor(String... changed) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--temporal", temporal.target);
    options.put("--worker-url", worker.url());
    options.put("--token-file", tokenFile.toString());
    options.put("--state-repo", stateRepo.toString());
    for (int i = 0; i < changed.length; i += 2) {
      options.put(changed[i], changed[i + 1]);
    }
    List<String> args = new ArrayList<>(List.of("doctor"));
    options.forEach((name, value) -> args.addAll(List.of(name, value)));
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void passesAgainstATestServerAWorkerAndALocalRepository() throws IOException {
    CliRun run = doctor();

    keep("doctor-ok.txt", run);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("ok    Temporal ")
        .contains(" " + temporal.target + " is serving")
        .containsPattern("warn +namespace +default answers, but this server answers for any")
        .containsPattern("warn +search attributes +cannot be checked on this server")
        .containsPattern("ok +worker API +" + worker.url() + " answers")
        .containsPattern("ok +webhook token +accepted")
        .containsPattern("ok +state repository +")
        .containsPattern("ok +state branch +main at [0-9a-f]{12}")
        .containsPattern("ok +state write access +a push connection was accepted")
        .containsPattern("- +GitHub/GitLab +not checked: ")
        .containsPattern("- +Kubernetes/Argo CD +not checked: ")
        .contains("All checks passed (2 with a warning).")
        .doesNotContain("s3cret-token");
    assertThat(worker.requests)
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.path()).isEqualTo(WorkerApi.IMAGES);
              assertThat(request.authorization()).isEqualTo("Bearer s3cret-token");
            });
  }

  @Test
  void failsOnAWrongTokenAndStateRepositoryWithTheirFixes() throws IOException {
    worker.answer(401, "{\"title\":\"Unauthorized\"}");

    CliRun run =
        doctor("--namespace", "nowhere", "--state-repo", dir.resolve("missing.git").toString());

    keep("doctor-misconfigured.txt", run);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out())
        // The test server describes any namespace, so a wrong one is only a warning here.
        .containsPattern("warn +namespace +nowhere answers, but this server answers for any")
        .containsPattern("FAIL +webhook token +refused \\(HTTP 401\\)")
        .contains("fix: pass --token-file with the worker's image-factory.webhook.token-file")
        .containsPattern("FAIL +state repository +cannot list the refs of ")
        .contains("fix: pass the worker's image-factory.state-repo.url with --state-repo")
        .containsPattern("- +state branch +not checked")
        .contains("2 checks failed.");
  }

  @Test
  void failsOnABranchTheStateRepositoryLacks() {
    CliRun run = doctor("--state-repo-branch", "release");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out())
        .containsPattern("FAIL +state branch +release does not exist")
        .contains("fix: pass the worker's image-factory.state-repo.branch with --state-repo-branch")
        .contains("1 check failed.");
  }

  @Test
  void saysTemporalIsUnreachableAndLeavesItsOtherChecksOpen() {
    int port = PortBoundTemporal.freePort();

    CliRun run = doctor("--temporal", "127.0.0.1:" + port);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.out())
        .containsPattern("FAIL +Temporal +cannot reach 127.0.0.1:" + port)
        .contains("fix: start the worker")
        .containsPattern("- +namespace +not checked: Temporal cannot be reached")
        .containsPattern("ok +state branch +main");
  }

  @Test
  void namesEachMissingOrMistypedSearchAttributeWithTheCommandThatAddsIt() {
    Map<String, IndexedValueType> found = new HashMap<>(EntitySearchAttributes.DEFINITIONS);
    found.remove("RebuildEligibleAt");
    found.put("ImageKind", IndexedValueType.INDEXED_VALUE_TYPE_TEXT);

    DoctorCheck check = TemporalChecks.compare("prod", found);

    assertThat(check.verdict()).isEqualTo(DoctorCheck.Verdict.FAIL);
    assertThat(check.detail())
        .isEqualTo("ImageKind is Text, not Keyword; missing RebuildEligibleAt");
    assertThat(check.fix())
        .contains(
            "temporal operator search-attribute create --namespace prod --name RebuildEligibleAt"
                + " --type Datetime")
        .contains("removed and created again");
    assertThat(TemporalChecks.compare("prod", EntitySearchAttributes.DEFINITIONS).verdict())
        .isEqualTo(DoctorCheck.Verdict.OK);
  }

  /** Keeps the output under target/, where a reader of the test run can see it. */
  private static void keep(String name, CliRun run) throws IOException {
    Files.writeString(Path.of("target", name), run.out());
  }
}
