package io.imagefactory.kargo;

import io.imagefactory.catalog.StateSnapshot;
import io.imagefactory.staterepo.DerivedFiles;
import io.imagefactory.staterepo.FileChange;
import io.imagefactory.staterepo.StateFiles;
import io.imagefactory.staterepo.StateFilesSnapshot;
import java.util.List;

/**
 * Renders {@code dist/image-factory.k8s.yaml} inside every state-repository commit, so the state
 * files and the manifests Argo CD deploys always change together.
 */
public final class KargoDerivedFiles implements DerivedFiles {

  public static final String MANIFESTS = KargoManifestRenderer.OUTPUT_PATH;

  private final KargoManifestRenderer renderer;

  public KargoDerivedFiles(KargoManifestRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public List<FileChange> render(StateFiles files) {
    StateSnapshot snapshot = StateFilesSnapshot.read(files);
    String manifests =
        renderer.renderFile(snapshot.images().values(), snapshot.baseImages().values());
    return List.of(FileChange.write(MANIFESTS, manifests));
  }
}
