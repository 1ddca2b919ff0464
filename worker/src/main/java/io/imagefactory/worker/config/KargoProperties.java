package io.imagefactory.worker.config;

import io.imagefactory.kargo.KargoSettings;
import io.imagefactory.kargo.ScanVerification;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.kargo.*}: what the rendered Kargo manifests point at, and how often they
 * make Kargo ask the registries.
 *
 * @param project the Kargo project (and namespace) holding the Warehouses and Stages
 * @param webhookUrl this worker's {@code /api/v1/events/image}, as Kargo reaches it
 * @param tokenSecret the Secret in the project namespace holding the webhook token
 * @param interval how often a Digest, SemVer or Lexical Warehouse polls its registry
 * @param newestBuildInterval how often a NewestBuild Warehouse (every managed image's) polls
 * @param managedCacheByTag whether Kargo keeps managed images' tag metadata between polls
 * @param webhookReceivers Kargo receivers of registry push events as {@code kind=secret}, such as
 *     {@code github=ghcr-webhook} (a list, so one environment variable holds them all)
 * @param scanWithTrivy render, for every base and external Stage, a verification that scans the new
 *     Freight with Trivy and posts the report to {@code scanUrl} (off by default: it needs Argo
 *     Rollouts' CRDs and pulls each new base image into a Job)
 * @param scanUrl this worker's {@code /api/v1/events/scan}, as the scan Job reaches it
 * @param trivyImage the Trivy image the scan Job runs
 */
public record KargoProperties(
    @DefaultValue(KargoSettings.DEFAULT_PROJECT) String project,
    @DefaultValue(KargoSettings.DEFAULT_WEBHOOK_URL) String webhookUrl,
    @DefaultValue(KargoSettings.DEFAULT_TOKEN_SECRET) String tokenSecret,
    @DefaultValue(KargoSettings.DEFAULT_WAREHOUSE_INTERVAL) String interval,
    @DefaultValue(KargoSettings.DEFAULT_NEWEST_BUILD_INTERVAL) String newestBuildInterval,
    @DefaultValue("true") boolean managedCacheByTag,
    List<String> webhookReceivers,
    @DefaultValue("false") boolean scanWithTrivy,
    @DefaultValue(ScanVerification.DEFAULT_SCAN_URL) String scanUrl,
    @DefaultValue(ScanVerification.DEFAULT_TRIVY_IMAGE) String trivyImage) {

  @ConstructorBinding
  public KargoProperties {
    webhookReceivers = webhookReceivers == null ? List.of() : List.copyOf(webhookReceivers);
  }

  /** The three that name where things are; polling and receivers at their defaults. */
  public KargoProperties(String project, String webhookUrl, String tokenSecret) {
    this(
        project,
        webhookUrl,
        tokenSecret,
        KargoSettings.DEFAULT_WAREHOUSE_INTERVAL,
        KargoSettings.DEFAULT_NEWEST_BUILD_INTERVAL,
        true,
        List.of(),
        false,
        ScanVerification.DEFAULT_SCAN_URL,
        ScanVerification.DEFAULT_TRIVY_IMAGE);
  }

  /** The renderer's settings; the ones not configurable here keep their defaults. */
  public KargoSettings settings() {
    KargoSettings defaults = KargoSettings.defaults();
    return new KargoSettings(
        project,
        webhookUrl,
        tokenSecret,
        defaults.tokenSecretKey(),
        defaults.discoveryLimit(),
        interval,
        defaults.httpTimeout(),
        newestBuildInterval,
        managedCacheByTag,
        receivers(),
        scanWithTrivy ? new ScanVerification(scanUrl, trivyImage, null) : null);
  }

  private Map<String, String> receivers() {
    Map<String, String> receivers = new TreeMap<>();
    for (String receiver : webhookReceivers) {
      int equals = receiver.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "Kargo settings: webhookReceivers must be kind=secret entries, got '" + receiver + "'");
      }
      receivers.put(receiver.substring(0, equals).trim(), receiver.substring(equals + 1).trim());
    }
    return receivers;
  }
}
