package io.imagefactory.bench.kargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost model of {@code deploy/README.md} applied to a rendered manifests file: the objects Argo
 * CD applies and Kargo reconciles, and the registry requests per hour its Warehouses make by
 * polling. Per poll, {@code Digest} reads the manifest of its tag (1 request); {@code SemVer} and
 * {@code Lexical} list the tags and read the manifests of the best {@code discoveryLimit} (1 +
 * limit); {@code NewestBuild} lists the tags and reads the manifest of every eligible one (1 +
 * tags). With {@code cacheByTag}, tags already read are not read again (1 request at a steady
 * state). Tag lists are taken to fit one page; token requests and the one-off reads of a new
 * digest's platform manifests and configs are left out.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.kargo.KargoCost dist/image-factory.k8s.yaml [tags per repository]
 * </pre>
 */
public final class KargoCost {

  private KargoCost() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int tags = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Map<String, Integer> objects = new TreeMap<>();
    Map<String, double[]> byStrategy = new TreeMap<>();
    double total = 0;
    try (MappingIterator<JsonNode> documents =
        new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
      while (documents.hasNext()) {
        JsonNode object = documents.next();
        String kind = object.path("kind").asText();
        objects.merge(kind, 1, Integer::sum);
        if (kind.equals("ProjectConfig")) {
          int receivers = object.at("/spec/webhookReceivers").size();
          objects.merge("(webhook receivers)", receivers, Integer::sum);
        }
        if (!kind.equals("Warehouse")) {
          continue;
        }
        JsonNode image = object.at("/spec/subscriptions/0/image");
        String strategy = image.path("imageSelectionStrategy").asText("SemVer");
        boolean cached = image.path("cacheByTag").asBoolean(false);
        int limit = image.path("discoveryLimit").asInt(20);
        double perPoll =
            switch (strategy) {
              case "Digest" -> 1;
              case "NewestBuild" -> cached ? 1 : 1 + tags;
              default -> cached ? 1 : 1 + limit;
            };
        double polls = 3600.0 / seconds(object.at("/spec/interval").asText());
        String key =
            strategy
                + (cached ? " +cacheByTag" : "")
                + " every "
                + object.at("/spec/interval").asText();
        double[] row = byStrategy.computeIfAbsent(key, k -> new double[2]);
        row[0]++;
        row[1] += perPoll * polls;
        total += perPoll * polls;
      }
    }
    System.out.println(
        "objects: "
            + objects
            + ", "
            + objects.values().stream().mapToInt(i -> i).sum()
            + " in all");
    System.out.printf("registry requests per hour (%d tags per repository):%n", tags);
    byStrategy.forEach(
        (key, row) ->
            System.out.printf(
                Locale.ROOT, "  %-36s %6.0f Warehouses %,12.0f/h%n", key, row[0], row[1]));
    System.out.printf(Locale.ROOT, "  %-36s %6s %,23.0f/h%n", "total", "", total);
  }

  /** A Kargo interval ({@code 1h30m}, {@code 10m}) in seconds. */
  static double seconds(String interval) {
    return Duration.parse("PT" + interval.toUpperCase(Locale.ROOT)).toMillis() / 1000.0;
  }
}
