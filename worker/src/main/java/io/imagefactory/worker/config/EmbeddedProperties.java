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
 * @param dataDir where the worker keeps what it writes: the local state repository and a generated
 *     webhook token in the embedded default, and, unless {@code image-factory.state-repo.cache-dir}
 *     is set, the clones of the state and source repositories (also of a configured state
 *     repository), under {@code cache/<state repository>-<hash>}; made absolute once, at start
 */
public record EmbeddedProperties(
    @DefaultValue("7233") int port,
    Path examplesDir,
    @DefaultValue(".image-factory") Path dataDir) {}
