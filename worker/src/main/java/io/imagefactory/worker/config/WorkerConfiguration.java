package io.imagefactory.worker.config;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings and the clock the worker reads time from outside workflows. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImageFactoryProperties.class)
class WorkerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
