package io.imagefactory.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The worker's {@code application.yaml}, bindable as Spring binds it. */
public final class ApplicationYaml {

  private ApplicationYaml() {}

  public static Binder binder() {
    try {
      return new Binder(
          ConfigurationPropertySources.from(
              new YamlPropertySourceLoader()
                  .load("application.yaml", new ClassPathResource("application.yaml"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
