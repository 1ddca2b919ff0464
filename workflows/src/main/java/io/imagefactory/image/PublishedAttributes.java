package io.imagefactory.image;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.RebuildEntry;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The search attributes of an image as last published, so unchanged values are not upserted. */
record PublishedAttributes(
    String name,
    String kind,
    List<String> bases,
    boolean pending,
    Instant eligibleAt,
    String rebuildOutcome) {

  static PublishedAttributes of(ImageConfig config, ImageRuntime runtime) {
    boolean pending = runtime.awaitingApproval() || !runtime.pending().isEmpty();
    RebuildEntry last = runtime.lastRebuild();
    return new PublishedAttributes(
        config.name(),
        config.kind().label(),
        config.baseImages(),
        pending,
        pending ? runtime.eligibleAt() : null,
        last == null ? null : last.outcome());
  }

  SearchAttributeUpdate<?>[] updates() {
    return new SearchAttributeUpdate<?>[] {
      EntitySearchAttributes.IMAGE_NAME.valueSet(name),
      EntitySearchAttributes.IMAGE_KIND.valueSet(kind),
      bases.isEmpty()
          ? EntitySearchAttributes.BASE_IMAGES.valueUnset()
          : EntitySearchAttributes.BASE_IMAGES.valueSet(bases),
      EntitySearchAttributes.REBUILD_PENDING.valueSet(pending),
      eligibleAt == null
          ? EntitySearchAttributes.REBUILD_ELIGIBLE_AT.valueUnset()
          : EntitySearchAttributes.REBUILD_ELIGIBLE_AT.valueSet(
              eligibleAt.atOffset(ZoneOffset.UTC)),
      rebuildOutcome == null
          ? EntitySearchAttributes.REBUILD_OUTCOME.valueUnset()
          : EntitySearchAttributes.REBUILD_OUTCOME.valueSet(rebuildOutcome)
    };
  }

  /** Upserts the attributes of one workflow when they changed; call from workflow code only. */
  static final class Publisher {
    private PublishedAttributes published;

    void publish(ImageConfig config, ImageRuntime runtime) {
      PublishedAttributes next = of(config, runtime);
      if (!next.equals(published)) {
        Workflow.upsertTypedSearchAttributes(next.updates());
        published = next;
      }
    }
  }
}
