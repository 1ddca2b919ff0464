package io.imagefactory.backstage;

import io.imagefactory.kargo.ManifestYaml;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders the Backstage catalog of a state repository: one {@code Resource} entity per managed,
 * external and base image, sorted by name, as one multi-document YAML file. Pure: the same state
 * always renders byte-identical content.
 */
public final class BackstageCatalogRenderer {

  /** Where the catalog lives in the state repository, beside the Kargo manifests. */
  public static final String OUTPUT_PATH = "dist/backstage/catalog-info.yaml";

  static final String HEADER =
      "# Backstage catalog entities rendered by Image Factory from images/ and base-images/. Do "
          + "not\n"
          + "# edit: regenerate with `image-factory render --state-dir <state repository>`.\n";

  /** Images before bases of the same name; the order of the file. */
  private static final Comparator<CatalogEntry> ORDER =
      Comparator.comparing(CatalogEntry::name).thenComparing(CatalogEntry::base);

  private final ResourceEntities entities;

  public BackstageCatalogRenderer(BackstageSettings settings) {
    this.entities = new ResourceEntities(settings);
  }

  /** Renders the catalog and reports every entry that had to be left out. */
  public BackstageRenderResult render(
      Collection<? extends ImageState> images, Collection<BaseImageState> bases) {
    List<CatalogEntry> entries = new ArrayList<>(images.size() + bases.size());
    images.forEach(image -> entries.add(entry(image)));
    bases.forEach(base -> entries.add(entry(base)));
    return assemble(entries);
  }

  /** The entry of an image's state file. */
  CatalogEntry entry(ImageState image) {
    try {
      return CatalogEntry.of(image.name(), false, document(entities.of(image)));
    } catch (EntityProblem e) {
      return CatalogEntry.failed(image.name(), false, e.getMessage());
    }
  }

  /** The entry of a base image's state file. */
  CatalogEntry entry(BaseImageState base) {
    try {
      return CatalogEntry.of(base.name(), true, document(entities.of(base)));
    } catch (EntityProblem e) {
      return CatalogEntry.failed(base.name(), true, e.getMessage());
    }
  }

  /**
   * The file: the header, then the documents sorted by name. Two entities cannot share a name, so a
   * base image named like an image is left out (the image's dependents name the image).
   */
  BackstageRenderResult assemble(List<CatalogEntry> entries) {
    List<CatalogEntry> sorted = new ArrayList<>(entries.size());
    List<String> problems = new ArrayList<>();
    for (CatalogEntry entry : entries) {
      if (entry.name() == null) {
        problems.add(entry.problem());
      } else {
        sorted.add(entry);
      }
    }
    sorted.sort(ORDER);
    int length = HEADER.length();
    for (CatalogEntry entry : sorted) {
      length += entry.document() == null ? 0 : entry.document().length();
    }
    StringBuilder out = new StringBuilder(length).append(HEADER);
    int count = 0;
    String previous = null;
    for (CatalogEntry entry : sorted) {
      if (entry.name().equals(previous)) {
        problems.add(
            entry.problem() != null
                ? entry.problem()
                : "base-images/"
                    + entry.name()
                    + ".yaml: "
                    + entry.name()
                    + ", field name: an image has the same name; only the image is in the catalog");
        continue;
      }
      previous = entry.name();
      if (entry.document() == null) {
        problems.add(entry.problem());
        continue;
      }
      out.append(entry.document());
      count++;
    }
    return new BackstageRenderResult(out.toString(), count, problems);
  }

  private static String document(Map<String, Object> entity) {
    StringBuilder out = new StringBuilder(1024);
    ManifestYaml.document(out, entity);
    return out.toString();
  }
}
