package io.imagefactory.worker.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /actuator/prometheus} in the text format: its series and their values. */
final class Scrape {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample. */
  record Sample(String name, Map<String, String> labels, double value) {}

  final List<Sample> samples = new ArrayList<>();

  static Scrape parse(String text) {
    Scrape scrape = new Scrape();
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.find()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(3) != null) {
        Matcher label = LABEL.matcher(sample.group(3));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      scrape.samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
    }
    return scrape;
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /** The sum of the samples of {@code name} whose labels include every {@code key, value} pair. */
  double sum(String name, String... labels) {
    double sum = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && matches(s.labels(), labels)) {
        sum += s.value();
      }
    }
    return sum;
  }

  private static boolean matches(Map<String, String> labels, String[] wanted) {
    for (int i = 0; i + 1 < wanted.length; i += 2) {
      if (!wanted[i + 1].equals(labels.get(wanted[i]))) {
        return false;
      }
    }
    return true;
  }
}
