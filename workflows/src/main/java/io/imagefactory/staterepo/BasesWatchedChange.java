package io.imagefactory.staterepo;

import java.util.List;

/** Mark base images as watched: Argo CD has synced the Warehouses that watch them. */
public record BasesWatchedChange(List<String> baseImages) implements StateChange {

  public BasesWatchedChange {
    baseImages = List.copyOf(baseImages);
  }
}
