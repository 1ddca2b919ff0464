package io.imagefactory.starter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code image-factory doctor}: checks what the worker and the CLI need, one line each. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check Temporal, the worker and the state repository.",
      "Checks the Temporal connection, namespace and search attributes, the worker's API and"
          + " webhook token, and the state repository (reachable, branch, push connection). Each"
          + " line that fails says how to fix it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every check passed (warnings and unchecked lines do not fail)",
      "1:a server refused or failed a check",
      "2:a setting is wrong: namespace, token, branch, search attributes",
      "3:Temporal, the worker or the state repository cannot be reached"
    })
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--state-repo",
      paramLabel = "URL",
      defaultValue = "${env:IMAGE_FACTORY_STATE_REPO_URL:-.image-factory/state-repo.git}",
      description =
          "The worker's state repository (env IMAGE_FACTORY_STATE_REPO_URL). Default:"
              + " ${DEFAULT-VALUE}, the embedded default's")
  String stateRepo;

  @Option(
      names = "--state-repo-branch",
      paramLabel = "BRANCH",
      defaultValue = "${env:IMAGE_FACTORY_STATE_REPO_BRANCH:-main}",
      description = "Its branch (env IMAGE_FACTORY_STATE_REPO_BRANCH). Default: ${DEFAULT-VALUE}")
  String stateRepoBranch;

  @Option(
      names = "--state-repo-token-file",
      paramLabel = "FILE",
      defaultValue = "${env:IMAGE_FACTORY_STATE_REPO_TOKEN_FILE}",
      description = "The token for an https remote (env IMAGE_FACTORY_STATE_REPO_TOKEN_FILE).")
  Path stateRepoTokenFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<DoctorCheck> checks = new ArrayList<>();
    checks.addAll(TemporalChecks.run(connection.temporal, connection.namespace));
    checks.addAll(WorkerChecks.run(connection));
    checks.addAll(StateRepoChecks.run(stateRepo, stateRepoBranch, stateRepoTokenFile));
    return DoctorReport.print(checks, out);
  }
}
