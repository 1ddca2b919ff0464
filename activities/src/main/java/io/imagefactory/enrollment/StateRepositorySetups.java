package io.imagefactory.enrollment;

import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.staterepo.StateTree;
import java.util.Optional;

/** The entity setups of the state repository's state files, read through its cache. */
public final class StateRepositorySetups implements EntitySetupSource {

  private final StateRepository repository;

  public StateRepositorySetups(StateRepository repository) {
    this.repository = repository;
  }

  @Override
  public Setups tip() {
    StateTree tree = repository.read();
    return new Setups(tree.commitId(), EntitySetups.of(tree.snapshot()));
  }

  @Override
  public Optional<EntityPlan> at(String commitId) {
    return repository
        .readAt(commitId, StateTree.STATE_FILES)
        .map(tree -> EntitySetups.of(tree.snapshot()));
  }
}
