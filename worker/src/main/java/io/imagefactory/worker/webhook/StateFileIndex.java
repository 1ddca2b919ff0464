package io.imagefactory.worker.webhook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageDirectory.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The entries of one snapshot of the state files: only the few fields lookups need (name, kind,
 * repoURL, tag). A file that cannot be read is logged and left out, never fatal to the others.
 */
final class StateFileIndex {

  private static final Logger log = LoggerFactory.getLogger(StateFileIndex.class);
  private static final ObjectMapper YAML = new ObjectMapper(limitedYaml());
  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::kind).thenComparing(Entry::name);

  private final List<Entry> entries;

  private StateFileIndex(List<Entry> entries) {
    this.entries = entries.stream().sorted(ORDER).toList();
  }

  static StateFileIndex of(SortedMap<String, byte[]> files) {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      read(file.getKey(), file.getValue()).ifPresent(entries::add);
    }
    return new StateFileIndex(entries);
  }

  List<Entry> find(String repoURL, String tag) {
    return entries.stream()
        .filter(e -> e.repoURL().equals(repoURL))
        .filter(e -> e.kind() != Kind.BASE || e.tag().equals(tag))
        .toList();
  }

  List<Entry> images() {
    return entries.stream()
        .filter(e -> e.kind() != Kind.BASE)
        .sorted(Comparator.comparing(Entry::name))
        .toList();
  }

  private static Optional<Entry> read(String path, byte[] content) {
    boolean base = path.startsWith("base-images/");
    if (!(base || path.startsWith("images/")) || !path.endsWith(".yaml")) {
      return Optional.empty();
    }
    String name = path.substring(path.lastIndexOf('/') + 1, path.length() - ".yaml".length());
    if (ImageReferences.checkImageName(name).isPresent()) {
      log.warn("State file {}: the file name is not a valid image name; ignored", path);
      return Optional.empty();
    }
    try {
      JsonNode state = YAML.readTree(content);
      return base ? baseEntry(path, name, state) : imageEntry(path, name, state);
    } catch (JsonProcessingException e) {
      log.warn("State file {}: {}; ignored", path, describe(e));
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      log.warn("State file {}: cannot be read ({}); ignored", path, e.toString());
      return Optional.empty();
    }
  }

  private static Optional<Entry> baseEntry(String path, String name, JsonNode state) {
    String repoURL = text(state, "repoURL");
    String tag = text(state, "tag");
    if (repoURL == null || tag == null) {
      // A base pinned by digest has no tag and is never watched, so no event can concern it.
      return Optional.empty();
    }
    return Optional.of(new Entry(name, Kind.BASE, repoURL, tag));
  }

  private static Optional<Entry> imageEntry(String path, String name, JsonNode state) {
    JsonNode enrollment = state.path("enrollment");
    boolean managed = enrollment.hasNonNull("source");
    String repoURL = managed ? null : text(state, "repoURL");
    if (repoURL == null) {
      String registry = text(enrollment, "registry");
      String repository = text(enrollment, "repository");
      repoURL = registry == null || repository == null ? null : registry + "/" + repository;
    }
    if (repoURL == null) {
      log.warn("State file {}: no repoURL and no enrollment.registry/repository; ignored", path);
      return Optional.empty();
    }
    return Optional.of(new Entry(name, managed ? Kind.MANAGED : Kind.EXTERNAL, repoURL, null));
  }

  /** The parser's complaint on one line, with the position; never the file's content. */
  private static String describe(JsonProcessingException e) {
    String reason = String.valueOf(e.getOriginalMessage()).strip().replaceAll("\\s+", " ");
    JsonLocation at = e.getLocation();
    return at == null ? reason : reason + " (line " + at.getLineNr() + ")";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  private static YAMLFactory limitedYaml() {
    LoaderOptions limits = new LoaderOptions();
    limits.setMaxAliasesForCollections(20);
    limits.setNestingDepthLimit(50);
    limits.setCodePointLimit(1024 * 1024);
    return YAMLFactory.builder()
        .loaderOptions(limits)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }
}
