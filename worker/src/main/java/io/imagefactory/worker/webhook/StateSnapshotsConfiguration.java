package io.imagefactory.worker.webhook;

import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateRepositoryException;
import io.imagefactory.staterepo.StateTree;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook's index reads the state files through the same state repository the activities write,
 * and follows its commits.
 */
@Configuration(proxyBeanMethods = false)
class StateSnapshotsConfiguration {

  @Bean
  StateSnapshots stateSnapshots(StateRepository stateRepository) {
    return new StateSnapshots() {
      @Override
      public String tip() {
        return stateRepository.fetchTip();
      }

      @Override
      public SortedMap<String, byte[]> read(String commit) {
        return stateRepository
            .readAt(commit, StateTree.STATE_FILES_ONLY)
            .orElseThrow(
                () ->
                    new StateRepositoryException(
                        "commit " + commit + " is no longer in the state repository", true))
            .files();
      }

      @Override
      public void onCommit(Consumer<String> listener) {
        stateRepository.addTipListener(listener);
      }
    };
  }
}
