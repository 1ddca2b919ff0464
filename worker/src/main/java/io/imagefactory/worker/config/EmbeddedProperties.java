package io.imagefactory.worker.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.embedded.*}: the embedded default, used when no Temporal cluster or state
 * repository is configured.
 *
 * @param port the port of the in-process Temporal server, on the loopback interface
 * @param examplesDir the example state repository to seed a local one from; {@code examples/} of
 *     the working directory when unset
 * @param dataDir where the local state repository, its cache and a generated webhook token live
 */
public record EmbeddedProperties(
    @DefaultValue("7233") int port,
    Path examplesDir,
    @DefaultValue(".image-factory") Path dataDir) {}
