package io.imagefactory.catalog;

import java.util.List;
import java.util.Optional;

/** The images enrolled in one {@code images.yaml}, valid and in file order. */
public record Catalog(List<ImageEntry> entries) {

  public Catalog {
    entries = List.copyOf(entries);
  }

  /** The entry named {@code name}, if enrolled. */
  public Optional<ImageEntry> find(String name) {
    return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  /** The names of the enrolled images, in file order. */
  public List<String> names() {
    return entries.stream().map(ImageEntry::name).toList();
  }
}
