package io.imagefactory.whatif;

import io.imagefactory.EditDistance;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds what a reference names in the state files: a watched base image (by its {@code
 * repoURL:tag}, the image as written in the Dockerfile, or its name), else a managed image
 * published at that repository (a new build of it is a cascade).
 */
final class BaseFinder {

  private static final int SUGGESTIONS = 3;

  private BaseFinder() {}

  /** The base, or {@link UnknownBaseException} naming the closest known references. */
  static WhatIfBase find(StateSnapshot state, BaseReference reference) {
    Map<String, WhatIfBase> known = new LinkedHashMap<>();
    for (BaseImageState base : state.baseImages().values()) {
      if (base.repoURL() == null || base.tag() == null) {
        continue; // Pinned by digest: it has no next digest to ask about.
      }
      WhatIfBase found = new WhatIfBase(base.name(), WhatIfBase.BASE, base.repoURL(), base.tag());
      known.putIfAbsent(base.repoURL() + ":" + base.tag(), found);
      if (base.fullImage() != null) {
        known.putIfAbsent(base.fullImage(), found);
      }
    }
    for (ImageState image : state.images().values()) {
      Enrollment enrollment = image.enrollment();
      if (image instanceof ManagedImageState
          && enrollment != null
          && enrollment.registry() != null
          && enrollment.repository() != null) {
        String repoURL = enrollment.registry() + "/" + enrollment.repository();
        known.putIfAbsent(
            repoURL + ":" + reference.tag(),
            new WhatIfBase(image.name(), WhatIfBase.MANAGED, repoURL, reference.tag()));
      }
    }
    WhatIfBase found = known.get(reference.toString());
    if (found != null) {
      return found;
    }
    throw new UnknownBaseException(reference, closest(reference.toString(), known));
  }

  private static List<String> closest(String wanted, Map<String, WhatIfBase> known) {
    List<String> references = new ArrayList<>();
    known.forEach(
        (text, base) -> {
          String canonical = base.repoURL() + ":" + base.tag();
          if (base.kind().equals(WhatIfBase.BASE) && !references.contains(canonical)) {
            references.add(canonical);
          }
        });
    String target = wanted.toLowerCase(Locale.ROOT);
    return references.stream()
        .sorted(
            Comparator.comparingInt((String r) -> EditDistance.between(target, r))
                .thenComparing(r -> r))
        .limit(SUGGESTIONS)
        .toList();
  }
}
