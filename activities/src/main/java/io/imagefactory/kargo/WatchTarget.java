package io.imagefactory.kargo;

import java.util.List;

/**
 * One image a Warehouse and its Stage watch, with the image subscription already decided.
 *
 * @param kind base, external or managed
 * @param imageName the name in the state file, used in labels
 * @param objectName the name of the Warehouse and of its Stage
 * @param repoURL {@code registry/repository}, without tag
 * @param strategy the Kargo {@code imageSelectionStrategy}
 * @param constraint the strategy's constraint (the tag, for {@code Digest}), or null
 * @param allowTagsRegexes tag regexes to allow, possibly empty
 * @param ignoreTagsRegexes tag regexes to ignore, possibly empty
 */
record WatchTarget(
    WatchKind kind,
    String imageName,
    String objectName,
    String repoURL,
    String strategy,
    String constraint,
    List<String> allowTagsRegexes,
    List<String> ignoreTagsRegexes) {

  WatchTarget {
    allowTagsRegexes = List.copyOf(allowTagsRegexes);
    ignoreTagsRegexes = List.copyOf(ignoreTagsRegexes);
  }

  String stateFile() {
    return kind.stateFile(imageName);
  }
}
