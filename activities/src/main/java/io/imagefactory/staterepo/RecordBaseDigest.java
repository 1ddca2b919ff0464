package io.imagefactory.staterepo;

import io.imagefactory.HumanText;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.DigestSighting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a new digest of a base image: it becomes {@code currentDigest} (first seen at {@code
 * seenAt}) and the previous one moves to the front of {@code digestHistory}. A digest that is
 * already current, or already in the history (a late, older event), changes nothing.
 */
public record RecordBaseDigest(String base, String digest, Instant seenAt) implements StatePatch {

  /** How many earlier digests a base-image state keeps. */
  public static final int HISTORY_LIMIT = 20;

  @Override
  public String describe() {
    return "record digest " + HumanText.shortDigest(digest) + " of " + base;
  }

  @Override
  public void applyTo(StateFiles files) {
    TypedStateFiles typed = new TypedStateFiles(files);
    BaseImageState b =
        typed
            .base(base)
            .orElseThrow(
                () -> new IllegalArgumentException("base-images/" + base + ".yaml does not exist"));
    if (digest.equals(b.currentDigest())
        || b.digestHistory().stream().anyMatch(s -> digest.equals(s.digest()))) {
      return;
    }
    List<DigestSighting> history = new ArrayList<>();
    if (b.currentDigest() != null) {
      history.add(new DigestSighting(b.currentDigest(), b.lastUpdated()));
    }
    history.addAll(b.digestHistory());
    typed.write(
        b.withDigest(digest, seenAt, history.subList(0, Math.min(HISTORY_LIMIT, history.size()))));
  }
}
