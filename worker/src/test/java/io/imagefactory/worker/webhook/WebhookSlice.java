package io.imagefactory.worker.webhook;

import io.imagefactory.worker.config.ImageFactoryProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The MVC slice every API test runs in: the controllers, the two filters, the real state-file
 * directory over the fixtures in {@code src/test/resources/state}, a fixed clock, and the token
 * {@value #TOKEN}. One definition, so the slice is built once for all API tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import({WebhookConfiguration.class, WebhookSlice.Fixtures.class})
@EnableConfigurationProperties(ImageFactoryProperties.class)
@TestPropertySource(properties = "image-factory.webhook.token=" + WebhookSlice.TOKEN)
@interface WebhookSlice {

  String TOKEN = "kargo-webhook-token-7f3c9a";
  Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  String COMMIT = "5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e5a1e";

  /** What the slice uses instead of git and the system clock. */
  @TestConfiguration(proxyBeanMethods = false)
  class Fixtures {

    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    StateSnapshots stateSnapshots() {
      return new StateSnapshots() {
        @Override
        public String tip() {
          return COMMIT;
        }

        @Override
        public SortedMap<String, byte[]> read(String commit) {
          return stateFiles();
        }
      };
    }

    /** The fixture state files, as a state repository snapshot has them. */
    static SortedMap<String, byte[]> stateFiles() {
      try {
        Path root = Path.of(WebhookSlice.class.getResource("/state").toURI());
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path file : walk.filter(Files::isRegularFile).toList()) {
            String path = root.relativize(file).toString().replace('\\', '/');
            if (path.startsWith("images/") || path.startsWith("base-images/")) {
              files.put(path, Files.readAllBytes(file));
            }
          }
        }
        return files;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
