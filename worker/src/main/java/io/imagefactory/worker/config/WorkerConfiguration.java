package io.imagefactory.worker.config;

import io.imagefactory.PayloadCompression;
import io.imagefactory.kargo.KargoSettings;
import io.temporal.common.converter.DataConverter;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings, the clock the worker reads outside workflows, and its connections. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  ImageFactoryProperties.class,
  RebuildBudgetProperties.class,
  SignatureProperties.class
})
class WorkerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Validated at startup, so a bad Kargo setting stops the worker before anything renders. */
  @Bean
  KargoSettings kargoSettings(ImageFactoryProperties properties) {
    return properties.kargo().settings();
  }

  /** Picked by the Temporal starter by this name, for the client and the workers alike. */
  @Bean
  DataConverter mainDataConverter() {
    return PayloadCompression.dataConverter();
  }

  @Bean
  KubernetesConnection kubernetesConnection(ImageFactoryProperties properties) {
    return new KubernetesConnection(properties.kubernetes());
  }
}
