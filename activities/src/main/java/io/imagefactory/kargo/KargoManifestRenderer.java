package io.imagefactory.kargo;

import io.imagefactory.catalog.BaseImageState;
import io.imagefactory.catalog.ImageState;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the Kargo manifests of a state repository from its state files: a Project and its
 * ProjectConfig, the shared notify PromotionTask, and one Warehouse/Stage pair per watched image.
 * Pure: the same state always renders byte-identical content.
 */
public final class KargoManifestRenderer {

  /** Where the manifests live in the state repository. */
  public static final String OUTPUT_PATH = "dist/image-factory.k8s.yaml";

  static final String HEADER =
      "# Kargo manifests rendered by Image Factory from images/ and base-images/. Do not edit:\n"
          + "# regenerate with `image-factory render --state-dir <state repository>`.\n";

  private static final Logger log = LoggerFactory.getLogger(KargoManifestRenderer.class);

  private final KargoObjects objects;
  private final NotifyTask task;

  public KargoManifestRenderer(KargoSettings settings) {
    this.objects = new KargoObjects(settings);
    this.task = new NotifyTask(settings);
  }

  /** Renders the manifests and reports every entry that had to be left out. */
  public RenderResult render(
      Collection<? extends ImageState> images, Collection<BaseImageState> bases) {
    WatchPlan plan = WatchPlan.of(images, bases);
    String content = ManifestYaml.write(HEADER, objects.all(plan, task));
    return new RenderResult(content, plan.targets().size(), plan.problems());
  }

  /**
   * The content of {@value #OUTPUT_PATH} for the given state, for a commit hook that derives files
   * from state. Entries that cannot be watched are left out and logged; the rest still render.
   */
  public String renderFile(
      Collection<? extends ImageState> images, Collection<BaseImageState> bases) {
    RenderResult result = render(images, bases);
    result.problems().forEach(problem -> log.warn("Not watched by Kargo: {}", problem));
    return result.content();
  }
}
