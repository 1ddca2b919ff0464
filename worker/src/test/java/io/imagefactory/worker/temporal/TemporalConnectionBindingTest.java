package io.imagefactory.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.grpc.Metadata;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.CapturedLogs;
import io.imagefactory.worker.WorkerApplication;
import io.imagefactory.worker.config.ImageFactoryProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Temporal Cloud and mutual TLS settings, given as environment variables the way the Deployment
 * gives them, reach the options of the worker's Temporal client: the namespace, the API key read
 * from its file on every call (and never logged), and the TLS context built from the mounted key
 * and certificate. Nothing listens at the target; the worker waits for it meanwhile.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TemporalConnectionBindingTest {

  private static final String NAMESPACE = "image-factory.a1b2c";
  private static final String API_KEY = "eyJhbGciOiJFUzI1NiJ9." + "c".repeat(40);

  @TempDir Path root;

  @Test
  void anApiKeyFileAndTheNamespaceReachTheClientAndTheKeyIsReadAtEveryCall() throws Exception {
    Path keyFile = root.resolve("temporal/api-key");
    Files.createDirectories(keyFile.getParent());
    Files.writeString(keyFile, API_KEY + "\n");
    Map<String, Object> env = environment();
    env.put("IMAGE_FACTORY_TEMPORAL_API_KEY_FILE", keyFile.toString());
    CapturedLogs[] logs = new CapturedLogs[1];

    try (ConfigurableApplicationContext worker = boot(env, logs)) {
      WorkflowClient client = worker.getBean(WorkflowClient.class);
      WorkflowServiceStubsOptions options = client.getWorkflowServiceStubs().getOptions();

      assertThat(client.getOptions().getNamespace()).isEqualTo(NAMESPACE);
      assertThat(options.getTarget()).isEqualTo(env.get("SPRING_TEMPORAL_CONNECTION_TARGET"));
      assertThat(options.getEnableHttps()).as("an API key turns TLS on").isTrue();
      assertThat(authorization(options.getGrpcMetadataProviders())).isEqualTo("Bearer " + API_KEY);

      Files.writeString(keyFile, "rotated-key\n");
      assertThat(authorization(options.getGrpcMetadataProviders())).isEqualTo("Bearer rotated-key");

      assertThat(worker.getBean(ImageFactoryProperties.class).toString()).doesNotContain(API_KEY);
      assertThat(logs[0].lines()).isNotEmpty().noneMatch(l -> l.contains(API_KEY));
    } finally {
      logs[0].close();
    }
  }

  @Test
  void theMountedClientKeyAndCertificateBecomeTheTlsContext() throws Exception {
    Map<String, Object> env = environment();
    Path tls = root.resolve("temporal");
    clientCertificate(tls);
    env.put("SPRING_TEMPORAL_CONNECTION_MTLS_KEY_FILE", tls.resolve("tls.key").toString());
    env.put("SPRING_TEMPORAL_CONNECTION_MTLS_CERT_CHAIN_FILE", tls.resolve("tls.crt").toString());
    CapturedLogs[] logs = new CapturedLogs[1];

    try (ConfigurableApplicationContext worker = boot(env, logs)) {
      WorkflowClient client = worker.getBean(WorkflowClient.class);
      WorkflowServiceStubsOptions options = client.getWorkflowServiceStubs().getOptions();

      assertThat(client.getOptions().getNamespace()).isEqualTo(NAMESPACE);
      assertThat(options.getSslContext()).isNotNull();
      assertThat(options.getSslContext().isClient()).isTrue();
      assertThat(authorization(options.getGrpcMetadataProviders())).isNull();
    } finally {
      logs[0].close();
    }
  }

  /** What the ConfigMap sets beside the Temporal credentials, with local stand-ins. */
  private Map<String, Object> environment() throws IOException {
    Map<String, Object> env = new HashMap<>();
    try (ServerSocket free = new ServerSocket(0)) {
      env.put("SPRING_TEMPORAL_CONNECTION_TARGET", "127.0.0.1:" + free.getLocalPort());
    }
    env.put("SPRING_TEMPORAL_NAMESPACE", NAMESPACE);
    env.put("IMAGE_FACTORY_WEBHOOK_TOKEN", "webhook-token-for-this-test");
    env.put("IMAGE_FACTORY_EMBEDDED_DATA_DIR", root.resolve("data").toString());
    env.put(
        "IMAGE_FACTORY_EMBEDDED_EXAMPLES_DIR",
        System.getProperty("image-factory.project-dir") + "/examples");
    return env;
  }

  private static ConfigurableApplicationContext boot(Map<String, Object> env, CapturedLogs[] logs) {
    // As the process environment: Boot maps IMAGE_FACTORY_* names only for such a source.
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    SpringApplication application = WorkerApplication.application();
    application.setEnvironment(environment);
    application.addListeners(
        (ApplicationListener<ApplicationEnvironmentPreparedEvent>)
            e -> logs[0] = CapturedLogs.capture(Level.INFO));
    return application.run("--server.port=0");
  }

  /** The {@code authorization} header the client sends on each call, or null. */
  private static String authorization(java.util.Collection<GrpcMetadataProvider> providers) {
    Metadata.Key<String> key = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    return providers.stream()
        .map(p -> p.getMetadata().get(key))
        .filter(v -> v != null)
        .findFirst()
        .orElse(null);
  }

  /**
   * A self-signed client key and certificate in PEM, as a Kubernetes TLS Secret mounts them: made
   * by the JDK's keytool, so no key is kept in the repository.
   */
  private static void clientCertificate(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path store = dir.resolve("client.p12");
    char[] password = "changeit".toCharArray();
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=image-factory-worker",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(password))
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, password);
    }
    Files.writeString(
        dir.resolve("tls.key"), pem("PRIVATE KEY", keys.getKey("client", password).getEncoded()));
    Files.writeString(
        dir.resolve("tls.crt"), pem("CERTIFICATE", keys.getCertificate("client").getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return String.join(
        "\n", List.of("-----BEGIN " + type + "-----", body, "-----END " + type + "-----", ""));
  }
}
