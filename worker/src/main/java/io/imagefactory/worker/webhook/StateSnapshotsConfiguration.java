package io.imagefactory.worker.webhook;

import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateTree;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook reads the state files through the same state repository the activities write. */
@Configuration(proxyBeanMethods = false)
class StateSnapshotsConfiguration {

  @Bean
  StateSnapshots stateSnapshots(StateRepository stateRepository) {
    return () -> stateRepository.read(StateTree.STATE_FILES).files();
  }
}
