package io.imagefactory.worker.embedded;

import java.nio.file.Path;

/**
 * What the embedded default stands in for in this process; each part is null when the real thing is
 * configured.
 *
 * @param temporalTarget the address of the embedded Temporal server
 * @param stateRepository the local state repository
 * @param stateRepositorySeeded true when the local state repository was created at this start
 * @param examples what it was seeded from
 * @param webhookTokenFile the generated webhook token file
 */
public record EmbeddedDefaults(
    String temporalTarget,
    Path stateRepository,
    boolean stateRepositorySeeded,
    Path examples,
    Path webhookTokenFile) {

  /** The bean name the defaults are registered under. */
  public static final String BEAN_NAME = "embeddedDefaults";

  public boolean embeddedTemporal() {
    return temporalTarget != null;
  }
}
