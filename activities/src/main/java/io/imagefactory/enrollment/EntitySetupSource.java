package io.imagefactory.enrollment;

import java.util.Optional;

/** The entity setups the state files record, at the tip and at an earlier commit. */
public interface EntitySetupSource {

  /** The setups at the tip, with the commit they were read at. */
  Setups tip();

  /** The setups at {@code commitId}; empty when that commit cannot be read. */
  Optional<EntityPlan> at(String commitId);

  /** The setups at one commit. */
  record Setups(String commitId, EntityPlan plan) {}
}
