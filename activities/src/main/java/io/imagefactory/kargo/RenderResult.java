package io.imagefactory.kargo;

import java.util.List;

/**
 * The rendered {@code dist/image-factory.k8s.yaml} and the state entries left out of it.
 *
 * @param content the whole file
 * @param warehouses how many Warehouses (and Stages) it holds
 * @param problems one line per entry that could not be watched, naming file, entry and field
 */
public record RenderResult(String content, int warehouses, List<String> problems) {

  public RenderResult {
    problems = List.copyOf(problems);
  }

  /** True when every entry was rendered. */
  public boolean complete() {
    return problems.isEmpty();
  }
}
