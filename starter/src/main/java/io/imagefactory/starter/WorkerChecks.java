package io.imagefactory.starter;

import java.util.List;

/**
 * The worker lines of {@code doctor}: its API answers and takes the webhook token the CLI sends.
 * The worker has no endpoint that reports its GitHub, GitLab, Kubernetes or Argo CD connections, so
 * those lines say they were not checked rather than guess.
 */
final class WorkerChecks {

  static final String API = "worker API";
  static final String TOKEN = "webhook token";

  private static final String TOKEN_FIX =
      "pass --token-file with the worker's image-factory.webhook.token-file (the embedded default"
          + " writes "
          + ConnectionOptions.EMBEDDED_TOKEN
          + "), or set "
          + ConnectionOptions.TOKEN_ENV;

  private WorkerChecks() {}

  /** Asks {@code GET /api/v1/images} with the token, then lists what the worker cannot report. */
  static List<DoctorCheck> run(ConnectionOptions connection) {
    DoctorCheck[] api = api(connection);
    return List.of(
        api[0],
        api[1],
        DoctorCheck.notChecked(
            "GitHub/GitLab", "the worker does not report its CI credentials or their scopes"),
        DoctorCheck.notChecked(
            "Kubernetes/Argo CD", "the worker does not report its cluster or Application"));
  }

  private static DoctorCheck[] api(ConnectionOptions connection) {
    WorkerApi worker;
    try {
      worker = connection.worker();
    } catch (CommandFailure e) {
      return new DoctorCheck[] {
        DoctorCheck.fail(API, e.getMessage(), "fix the option named", e.exitCode()),
        DoctorCheck.notChecked(TOKEN, "the worker's address or token is unusable")
      };
    }
    WorkerApi.Answer answer;
    try {
      answer = worker.get(WorkerApi.IMAGES);
    } catch (CommandFailure e) {
      return new DoctorCheck[] {
        DoctorCheck.fail(
            API,
            "cannot reach " + connection.workerUrl,
            "start the worker, or pass --worker-url URL (env IMAGE_FACTORY_WORKER_URL)",
            ExitCodes.UNREACHABLE),
        DoctorCheck.notChecked(TOKEN, "the worker cannot be reached")
      };
    }
    DoctorCheck reached = DoctorCheck.ok(API, connection.workerUrl + " answers");
    if (answer.status() == 401 || answer.status() == 403) {
      return new DoctorCheck[] {
        reached,
        DoctorCheck.fail(
            TOKEN,
            worker.hasToken()
                ? "refused (HTTP " + answer.status() + ")"
                : "none configured, and the worker asks for one",
            TOKEN_FIX,
            ExitCodes.INVALID_INPUT)
      };
    }
    if (!answer.ok()) {
      return new DoctorCheck[] {
        DoctorCheck.fail(
            API,
            "GET " + WorkerApi.IMAGES + " answered HTTP " + answer.status(),
            "read the worker's log; " + answer.summary(),
            ExitCodes.IO_ERROR),
        DoctorCheck.notChecked(TOKEN, "the worker's API failed")
      };
    }
    return new DoctorCheck[] {
      reached,
      worker.hasToken()
          ? DoctorCheck.ok(TOKEN, "accepted")
          : DoctorCheck.warn(TOKEN, "none sent, and the worker asks for none", TOKEN_FIX)
    };
  }
}
