package io.imagefactory.backstage;

import java.util.List;

/**
 * The rendered {@code dist/backstage/catalog-info.yaml} and the state entries left out of it.
 *
 * @param content the whole file
 * @param entities how many entities it holds
 * @param problems one line per entry that could not become an entity, naming file, entry and field
 */
public record BackstageRenderResult(String content, int entities, List<String> problems) {

  public BackstageRenderResult {
    problems = List.copyOf(problems);
  }

  /** True when every entry was rendered. */
  public boolean complete() {
    return problems.isEmpty();
  }
}
