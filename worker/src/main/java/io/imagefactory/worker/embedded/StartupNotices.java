package io.imagefactory.worker.embedded;

import io.imagefactory.worker.config.ImageFactoryProperties;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says loudly, once the worker is up, every part of the embedded default in use: one WARN line
 * each, last in the startup log, so nobody mistakes a demo for a production setup.
 */
@Component
class StartupNotices {

  private static final Logger log = LoggerFactory.getLogger(StartupNotices.class);

  private final ObjectProvider<EmbeddedDefaults> embedded;
  private final ImageFactoryProperties properties;

  StartupNotices(ObjectProvider<EmbeddedDefaults> embedded, ImageFactoryProperties properties) {
    this.embedded = embedded;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    notices().forEach(log::warn);
  }

  List<String> notices() {
    List<String> lines = new ArrayList<>();
    EmbeddedDefaults defaults = embedded.getIfAvailable();
    if (defaults != null && defaults.embeddedTemporal()) {
      lines.add(
          "EMBEDDED Temporal dev server on "
              + defaults.temporalTarget()
              + ": workflow state is lost on restart (the next enrollment rebuilds it from git);"
              + " set spring.temporal.connection.target to use a Temporal cluster");
    }
    if (defaults != null && defaults.stateRepository() != null) {
      lines.add(
          "LOCAL state repository "
              + defaults.stateRepository()
              + (defaults.stateRepositorySeeded()
                  ? " (created now from " + defaults.examples() + ")"
                  : "")
              + ": clone it to edit images.yaml; set image-factory.state-repo.url to use a remote"
              + " one");
    }
    if (defaults != null && defaults.webhookTokenFile() != null) {
      lines.add(
          "GENERATED webhook token in "
              + defaults.webhookTokenFile()
              + ": set image-factory.webhook.token-file to choose your own");
    }
    if (!properties.github().hasCredentials()) {
      lines.add(
          "GitHub rebuild dispatches are RECORDED, NOT SENT: no token or App configured"
              + " (image-factory.github.token-file, or app-id and app-private-key-file)");
    }
    if (!properties.gitlab().hasCredentials()) {
      lines.add(
          "GitLab pipelines (source.provider: gitlab) are RECORDED, NOT CREATED: no token"
              + " configured (image-factory.gitlab.token-file)");
    }
    if (!properties.kubernetes().clusterConfigured()) {
      lines.add(
          "Argo CD sync wait is SKIPPED: no Kubernetes cluster configured"
              + " (image-factory.kubernetes.mode=none)");
    }
    return lines;
  }
}
