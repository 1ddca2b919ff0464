package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import io.imagefactory.catalog.yaml.YamlNodes;
import io.imagefactory.rebuild.RebuildWindow;
import io.imagefactory.rebuild.WindowRange;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks a {@code rebuildWindow}: one range ({@code {days: [Mon-Thu], from: "09:00", to:
 * "16:00", timeZone: Europe/London}}), a list of ranges in one time zone, or {@code always} (an
 * image's way out of the file's default). Each problem names the range and field it is in.
 */
final class RebuildWindowValidator {

  static final String FIELD = "rebuildWindow";
  static final String ALWAYS = "always";
  static final List<String> RANGE_FIELDS = List.of("days", "from", "to", "timeZone");

  private static final String SHAPE =
      "a range {days: [Mon, Tue], from: \"09:00\", to: \"16:00\", timeZone: Europe/London},"
          + " a list of ranges, or 'always'";

  /** What {@link #read} found. */
  record Read(boolean present, RebuildWindow window) {}

  private RebuildWindowValidator() {}

  /** The window of {@code fields}; absent, {@code always} or invalid (reported) give no window. */
  static Read read(YamlFields fields) {
    Node node = fields.filled(FIELD, SHAPE);
    if (node == null) {
      return new Read(fields.has(FIELD), null);
    }
    if (node instanceof ScalarNode scalar && ALWAYS.equals(scalar.getValue())) {
      return new Read(true, null);
    }
    List<MappingNode> nodes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (node instanceof MappingNode mapping) {
      nodes.add(mapping);
      labels.add(FIELD);
    } else if (node instanceof SequenceNode sequence) {
      if (sequence.getValue().isEmpty()) {
        fields.error(
            FIELD, "lists no range, so no rebuild could ever be dispatched; write " + SHAPE);
        return new Read(true, null);
      }
      for (int i = 0; i < sequence.getValue().size(); i++) {
        Node item = sequence.getValue().get(i);
        if (!(item instanceof MappingNode mapping)) {
          fields.error(
              FIELD, "range " + (i + 1) + ": expected a mapping, got " + YamlNodes.describe(item));
          return new Read(true, null);
        }
        nodes.add(mapping);
        labels.add(FIELD + "[" + (i + 1) + "]");
      }
    } else {
      fields.error(FIELD, "expected " + SHAPE + ", got " + YamlNodes.describe(node));
      return new Read(true, null);
    }
    return new Read(true, ranges(fields, nodes, labels));
  }

  private static RebuildWindow ranges(
      YamlFields fields, List<MappingNode> nodes, List<String> labels) {
    List<WindowRange> ranges = new ArrayList<>();
    String zone = null;
    boolean valid = true;
    for (int i = 0; i < nodes.size(); i++) {
      YamlFields range = fields.nested(nodes.get(i), labels.get(i));
      range.rejectUnknown(RANGE_FIELDS);
      List<String> days = days(range);
      WindowRange read =
          new WindowRange(days, range.requiredString("from"), range.requiredString("to"));
      String rangeZone = range.requiredString("timeZone");
      if (days == null || read.from() == null || read.to() == null || rangeZone == null) {
        valid = false;
        continue;
      }
      for (String problem : read.problems()) {
        int colon = problem.indexOf(": ");
        range.error(problem.substring(0, colon), problem.substring(colon + 2));
        valid = false;
      }
      if (!validZone(range, rangeZone)) {
        valid = false;
      } else if (zone == null) {
        zone = rangeZone;
      } else if (!zone.equals(rangeZone)) {
        range.error(
            "timeZone",
            "is "
                + rangeZone
                + " but range 1 is in "
                + zone
                + ": the ranges of a window share one"
                + " time zone");
        valid = false;
      }
      ranges.add(read);
    }
    if (!valid) {
      return null;
    }
    RebuildWindow window = new RebuildWindow(zone, ranges);
    for (String problem : window.problems()) {
      fields.error(FIELD, problem.replaceFirst("^ranges: ", ""));
      valid = false;
    }
    return valid ? window : null;
  }

  /** The days, with {@code Mon-Fri} spans spelled out; null when invalid (reported). */
  private static List<String> days(YamlFields range) {
    Node node = range.node("days");
    if (node == null || YamlNodes.isNull(node)) {
      range.missing("days");
      return null;
    }
    if (!(node instanceof SequenceNode sequence)) {
      range.error(
          "days",
          "expected a list of days such as [Mon, Tue] or [Mon-Fri], got "
              + YamlNodes.describe(node));
      return null;
    }
    List<String> days = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      if (!(item instanceof ScalarNode scalar)) {
        range.error("days", "expected a day such as Mon, got " + YamlNodes.describe(item));
        return null;
      }
      try {
        days.addAll(expand(scalar.getValue()));
      } catch (IllegalArgumentException e) {
        range.error("days", e.getMessage());
        return null;
      }
    }
    if (days.isEmpty()) {
      range.error("days", "names no day, so the range never opens");
      return null;
    }
    return days;
  }

  private static List<String> expand(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) {
      new WindowRange(List.of(text), "00:00", "24:00").daysOfWeek();
      return List.of(text.strip());
    }
    DayOfWeek first = single(text.substring(0, dash));
    DayOfWeek last = single(text.substring(dash + 1));
    List<String> days = new ArrayList<>();
    for (DayOfWeek day = first; ; day = day.plus(1)) {
      days.add(short3(day));
      if (day == last) {
        return days;
      }
    }
  }

  private static DayOfWeek single(String text) {
    return new WindowRange(List.of(text), "00:00", "24:00").daysOfWeek().iterator().next();
  }

  private static String short3(DayOfWeek day) {
    String name = day.name();
    return name.charAt(0) + name.substring(1, 3).toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean validZone(YamlFields range, String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      range.error(
          "timeZone",
          Quoted.of(zone)
              + " is not a known time zone (an IANA zone such as Europe/London,"
              + " America/New_York or UTC)");
      return false;
    }
  }
}
