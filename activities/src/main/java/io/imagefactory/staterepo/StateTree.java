package io.imagefactory.staterepo;

import io.imagefactory.git.RepoPaths;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The state repository's files at one commit, as raw bytes by path. Parsing them is the catalog's
 * job; this only guarantees that every file comes from the same commit.
 *
 * @param commitId the commit the files were read at
 * @param files the bytes of every file read, sorted by path
 */
public record StateTree(String commitId, SortedMap<String, byte[]> files) {

  /** {@code images.yaml} and the state files under {@code images/} and {@code base-images/}. */
  public static final Predicate<String> STATE_FILES =
      path -> path.equals(RepoPaths.IMAGES_YAML)
          || path.startsWith("images/")
          || path.startsWith("base-images/");

  public StateTree {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /** The bytes at {@code path}, if it was read. */
  public Optional<byte[]> file(String path) {
    return Optional.ofNullable(files.get(path)).map(byte[]::clone);
  }

  /** The UTF-8 text at {@code path}, if it was read. */
  public Optional<String> text(String path) {
    return Optional.ofNullable(files.get(path)).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The paths under {@code directory} (for example {@code images}), sorted. */
  public List<String> list(String directory) {
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    return files.subMap(prefix, prefix.substring(0, prefix.length() - 1) + '0').keySet().stream().toList();
  }

  @Override
  public String toString() {
    return "StateTree[" + commitId + ", " + files.size() + " files]";
  }
}
