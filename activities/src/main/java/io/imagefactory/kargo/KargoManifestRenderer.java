package io.imagefactory.kargo;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
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

  /** Below this many targets, one thread writes them quicker than several. */
  static final int PARALLEL_FROM = 256;

  /** About what one Warehouse and Stage take, to size buffers. */
  private static final int FRAGMENT_SIZE = 1280;

  /** The header comment and the Project, ProjectConfig and PromotionTask documents. */
  private final String head;

  private final TargetYaml targets;

  public KargoManifestRenderer(KargoSettings settings) {
    KargoObjects objects = new KargoObjects(settings);
    this.head = ManifestYaml.write(HEADER, objects.project(new NotifyTask(settings)));
    this.targets = new TargetYaml(settings, objects);
  }

  /** Renders the manifests and reports every entry that had to be left out. */
  public RenderResult render(
      Collection<? extends ImageState> images, Collection<BaseImageState> bases) {
    return render(WatchPlan.of(images, bases));
  }

  RenderResult render(WatchPlan plan) {
    List<WatchTarget> watched = plan.targets();
    if (watched.size() < PARALLEL_FROM) {
      StringBuilder out = new StringBuilder(head.length() + FRAGMENT_SIZE * watched.size());
      out.append(head);
      watched.forEach(target -> targets.append(out, target));
      return new RenderResult(out.toString(), watched.size(), plan.problems());
    }
    // Thousands of independent fragments: write them on every core, join them in plan order.
    String[] fragments = new String[watched.size()];
    IntStream.range(0, fragments.length)
        .parallel()
        .forEach(i -> fragments[i] = fragment(watched.get(i)));
    return new RenderResult(assemble(List.of(fragments)), watched.size(), plan.problems());
  }

  /** The Warehouse and Stage documents of one target. */
  String fragment(WatchTarget target) {
    StringBuilder out = new StringBuilder(FRAGMENT_SIZE);
    targets.append(out, target);
    return out.toString();
  }

  /** The file: the head, then the fragments in the plan's order. */
  String assemble(List<String> fragments) {
    int length = head.length();
    for (String fragment : fragments) {
      length += fragment.length();
    }
    StringBuilder out = new StringBuilder(length).append(head);
    fragments.forEach(out::append);
    return out.toString();
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
