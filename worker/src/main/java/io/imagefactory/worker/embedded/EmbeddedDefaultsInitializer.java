package io.imagefactory.worker.embedded;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.worker.config.EmbeddedProperties;
import io.imagefactory.worker.config.StateRepoProperties;
import io.imagefactory.worker.config.WebhookProperties;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Fills in what is not configured before anything connects: with no Temporal target it starts the
 * embedded Temporal server and points the Temporal starter at it; with no state repository URL it
 * creates a local one from {@code examples/}; with neither a webhook token nor a Temporal cluster
 * it generates a token file. Each setting it adds is one that was absent or blank. {@link
 * StartupNotices} says loudly what was filled in.
 */
public final class EmbeddedDefaultsInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final String TARGET = "spring.temporal.connection.target";
  static final String TEST_SERVER = "spring.temporal.test-server.enabled";
  static final String NAMESPACE = "spring.temporal.namespace";
  static final String PROPERTY_SOURCE = "imageFactoryEmbeddedDefaults";
  private static final String SERVER_BEAN = "embeddedTemporalServer";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    Binder binder = Binder.get(environment);
    EmbeddedProperties embedded =
        binder.bindOrCreate("image-factory.embedded", EmbeddedProperties.class);
    StateRepoProperties stateRepo =
        binder.bindOrCreate("image-factory.state-repo", StateRepoProperties.class);
    WebhookProperties webhook =
        binder.bindOrCreate("image-factory.webhook", WebhookProperties.class);
    Path dataDir = embedded.dataDir().toAbsolutePath().normalize();
    Map<String, Object> defaults = new HashMap<>();

    // Files first, the server last: a server started before a failure would hold its port.
    Path repository = null;
    Path examples = null;
    boolean seeded = false;
    if (!stateRepo.configured()) {
      repository = dataDir.resolve(LocalStateRepository.DIRECTORY);
      examples = examplesDirectory(embedded);
      seeded = LocalStateRepository.ensure(repository, examples, stateRepo.branch());
      defaults.put("image-factory.state-repo.url", repository.toString());
      if (stateRepo.cacheDir() == null) {
        defaults.put(
            "image-factory.state-repo.cache-dir", dataDir.resolve("cache/state-repo").toString());
      }
    }

    boolean embeddedTemporal =
        !StringUtils.hasText(environment.getProperty(TARGET))
            && !environment.getProperty(TEST_SERVER, Boolean.class, false);
    Path tokenFile = null;
    if (embeddedTemporal && !webhook.tokenConfigured()) {
      tokenFile = dataDir.resolve(GeneratedWebhookToken.FILE);
      GeneratedWebhookToken.ensure(tokenFile);
      defaults.put("image-factory.webhook.token-file", tokenFile.toString());
    }

    String temporalTarget = null;
    if (embeddedTemporal) {
      // The embedded server is a laptop demo: its API listens where its Temporal server does.
      if (!StringUtils.hasText(environment.getProperty(SERVER_ADDRESS))) {
        defaults.put(SERVER_ADDRESS, LOOPBACK);
      }
      temporalTarget = startTemporal(context, embedded.port());
      defaults.put(TARGET, temporalTarget);
    }

    // First, so a setting given but left blank (an empty environment variable) is filled in too.
    environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, defaults));
    context
        .getBeanFactory()
        .registerSingleton(
            EmbeddedDefaults.BEAN_NAME,
            new EmbeddedDefaults(temporalTarget, repository, seeded, examples, tokenFile));
  }

  static final String SERVER_ADDRESS = "server.address";
  static final String LOOPBACK = "127.0.0.1";

  private static String startTemporal(ConfigurableApplicationContext context, int port) {
    EmbeddedTemporalServer server = EmbeddedTemporalServer.start(port);
    try {
      server.registerSearchAttributes(
          context.getEnvironment().getProperty(NAMESPACE, "default"),
          EntitySearchAttributes.DEFINITIONS);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    // Closed with the context, after every bean that may still talk to it.
    DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
    beans.registerSingleton(SERVER_BEAN, server);
    beans.registerDisposableBean(SERVER_BEAN, server::close);
    return server.target();
  }

  private static Path examplesDirectory(EmbeddedProperties embedded) {
    Path configured = embedded.examplesDir();
    return (configured != null ? configured : Path.of("examples")).toAbsolutePath().normalize();
  }
}
