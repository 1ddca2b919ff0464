package io.imagefactory.starter;

import io.imagefactory.backstage.BackstageCatalogRenderer;
import io.imagefactory.backstage.BackstageRenderResult;
import io.imagefactory.backstage.BackstageSettings;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.kargo.RenderResult;
import io.imagefactory.kargo.ScanVerification;
import io.imagefactory.statefiles.StateDirectoryReader;
import io.imagefactory.statefiles.StateSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code image-factory render}: writes the Kargo manifests and the Backstage catalog of a state
 * repository, offline, byte for byte as the worker commits them with the same settings.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Renders the Kargo manifests and the Backstage catalog of a state repository from its",
      "state files (offline).",
      "Exit codes: 0 rendered, 1 I/O error, 2 invalid state or options (nothing written)."
    })
final class RenderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--state-dir", required = true, description = "The state repository checkout.")
  Path stateDir;

  @Option(
      names = "--out",
      description = "The file to write. Default: <state-dir>/" + KargoManifestRenderer.OUTPUT_PATH)
  Path out;

  @Option(
      names = "--backstage",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Also render the Backstage catalog (--no-backstage: the Kargo manifests only).")
  boolean withBackstage;

  @Option(
      names = "--backstage-out",
      description =
          "The Backstage catalog to write. Default: <state-dir>/"
              + BackstageCatalogRenderer.OUTPUT_PATH)
  Path backstageOut;

  @Option(
      names = "--backstage-namespace",
      defaultValue = BackstageSettings.DEFAULT_NAMESPACE,
      description = "Backstage namespace of the entities. Default: ${DEFAULT-VALUE}")
  String backstageNamespace;

  @Option(
      names = "--backstage-default-owner",
      defaultValue = BackstageSettings.DEFAULT_OWNER,
      description = {
        "Owner (Group or User entity reference) of images without owner in images.yaml and of",
        "base images. Default: ${DEFAULT-VALUE}"
      })
  String backstageDefaultOwner;

  @Option(
      names = "--backstage-default-system",
      description = "System of images without system in images.yaml and of base images.")
  String backstageDefaultSystem;

  @Option(
      names = "--state-repo-url",
      description = {
        "The state repository's https URL, for links to state files and to Dockerfiles kept in",
        "it (the worker uses image-factory.state-repo.url)."
      })
  String stateRepoUrl;

  @Option(
      names = "--state-repo-branch",
      defaultValue = BackstageSettings.DEFAULT_BRANCH,
      description = "The state repository's branch, for those links. Default: ${DEFAULT-VALUE}")
  String stateRepoBranch;

  @Option(
      names = "--source-host",
      defaultValue = BackstageSettings.DEFAULT_SOURCE_HOST,
      description = "The host of owner/name source repositories. Default: ${DEFAULT-VALUE}")
  String sourceHost;

  @Option(
      names = "--project",
      defaultValue = KargoSettings.DEFAULT_PROJECT,
      description = "Kargo project (and namespace). Default: ${DEFAULT-VALUE}")
  String project;

  @Option(
      names = "--webhook-url",
      defaultValue = KargoSettings.DEFAULT_WEBHOOK_URL,
      description =
          "The worker's image event endpoint as Kargo reaches it. Default: ${DEFAULT-VALUE}")
  String webhookUrl;

  @Option(
      names = "--token-secret",
      defaultValue = KargoSettings.DEFAULT_TOKEN_SECRET,
      description =
          "Secret in the project namespace holding the webhook token. Default: ${DEFAULT-VALUE}")
  String tokenSecret;

  @Option(
      names = "--token-key",
      defaultValue = KargoSettings.DEFAULT_TOKEN_KEY,
      description = "Key of the token in that Secret. Default: ${DEFAULT-VALUE}")
  String tokenKey;

  @Option(
      names = "--discovery-limit",
      defaultValue = "" + KargoSettings.DEFAULT_DISCOVERY_LIMIT,
      description = "Image references each Warehouse discovers (1-100). Default: ${DEFAULT-VALUE}")
  int discoveryLimit;

  @Option(
      names = "--interval",
      defaultValue = KargoSettings.DEFAULT_WAREHOUSE_INTERVAL,
      description =
          "How often a Digest, SemVer or Lexical Warehouse polls. Default: ${DEFAULT-VALUE}")
  String interval;

  @Option(
      names = "--newest-build-interval",
      defaultValue = KargoSettings.DEFAULT_NEWEST_BUILD_INTERVAL,
      description = {
        "How often a NewestBuild Warehouse (every managed image's) polls: each poll reads",
        "every tag it has not cached. Default: ${DEFAULT-VALUE}"
      })
  String newestBuildInterval;

  @Option(
      names = "--managed-cache-by-tag",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = {
        "Let Kargo keep the metadata of managed images' tags, so a poll reads new tags only",
        "(right when every build pushes a tag of its own). Default: ${DEFAULT-VALUE}"
      })
  boolean managedCacheByTag;

  @Option(
      names = "--webhook-receiver",
      paramLabel = "KIND=SECRET",
      description = {
        "A Kargo receiver of registry push events: artifactory, azure, dockerhub, github, harbor",
        "or quay, with the Secret holding its shared secret. Repeatable."
      })
  Map<String, String> webhookReceivers = new TreeMap<>();

  @Option(
      names = "--scan-with-trivy",
      description = {
        "Give every base and external Stage a verification that scans new Freight with Trivy and",
        "posts the report to --scan-url (needs Argo Rollouts' CRDs). Default: off"
      })
  boolean scanWithTrivy;

  @Option(
      names = "--scan-url",
      defaultValue = ScanVerification.DEFAULT_SCAN_URL,
      description =
          "The worker's /api/v1/events/scan as the scan Job reaches it. Default: ${DEFAULT-VALUE}")
  String scanUrl;

  @Option(
      names = "--trivy-image",
      defaultValue = ScanVerification.DEFAULT_TRIVY_IMAGE,
      description = "The Trivy image the scan Job runs. Default: ${DEFAULT-VALUE}")
  String trivyImage;

  @Option(
      names = "--http-timeout",
      defaultValue = KargoSettings.DEFAULT_HTTP_TIMEOUT,
      description = "Timeout of one webhook request from Kargo. Default: ${DEFAULT-VALUE}")
  String httpTimeout;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    KargoSettings settings;
    BackstageSettings backstage;
    try {
      backstage =
          new BackstageSettings(
              backstageNamespace,
              backstageDefaultOwner,
              backstageDefaultSystem,
              sourceHost,
              null,
              stateRepoUrl,
              stateRepoBranch);
      settings =
          new KargoSettings(
              project,
              webhookUrl,
              tokenSecret,
              tokenKey,
              discoveryLimit,
              interval,
              httpTimeout,
              newestBuildInterval,
              managedCacheByTag,
              webhookReceivers,
              scanWithTrivy ? new ScanVerification(scanUrl, trivyImage, null) : null);
    } catch (IllegalArgumentException e) {
      err.println("render: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    if (!Files.isDirectory(stateDir)) {
      err.println("render: --state-dir " + stateDir + " is not a directory");
      return ExitCodes.INVALID_INPUT;
    }
    Path target = out != null ? out : stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH);
    Path catalogTarget =
        backstageOut != null
            ? backstageOut
            : stateDir.resolve(BackstageCatalogRenderer.OUTPUT_PATH);
    try {
      StateSnapshot state = new StateDirectoryReader().read(stateDir);
      // Two pure renders of one snapshot: side by side, the command takes as long as the larger.
      CompletableFuture<BackstageRenderResult> catalogRender =
          withBackstage
              ? CompletableFuture.supplyAsync(
                  () ->
                      new BackstageCatalogRenderer(backstage)
                          .render(state.images().values(), state.baseImages().values()))
              : CompletableFuture.completedFuture(null);
      RenderResult result =
          new KargoManifestRenderer(settings)
              .render(state.images().values(), state.baseImages().values());
      BackstageRenderResult catalog = catalogRender.join();
      boolean catalogComplete = catalog == null || catalog.complete();
      if (!state.problems().isEmpty() || !result.complete() || !catalogComplete) {
        state.problems().forEach(problem -> err.println("render: " + problem));
        result.problems().forEach(problem -> err.println("render: " + problem));
        if (catalog != null) {
          catalog.problems().forEach(problem -> err.println("render: " + problem));
        }
        err.println(
            "render: nothing written to "
                + target
                + (catalog == null ? "" : " or " + catalogTarget));
        return ExitCodes.INVALID_INPUT;
      }
      write(target, result.content());
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Rendered %d Warehouses and Stages to %s%n", result.warehouses(), target);
      if (catalog != null) {
        write(catalogTarget, catalog.content());
        out.printf("Rendered %d Backstage entities to %s%n", catalog.entities(), catalogTarget);
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      err.println("render: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return ExitCodes.IO_ERROR;
    }
  }

  /**
   * Writes through a temporary file beside the target (created like any other file, so with the
   * usual permissions), so a reader never sees half a manifest file.
   */
  private static void write(Path target, String content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + ".tmp");
    try {
      Files.writeString(temp, content);
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
