package io.imagefactory.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.HostBudget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rebuild budget a worker's {@code application.yaml} configures ({@code
 * image-factory.rebuild-budget.*}, and the GitHub host from {@code image-factory.github.base-url}),
 * read as the worker binds it; a key it does not set keeps the worker's default.
 */
final class WorkerBudgetConfig {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String PREFIX = "image-factory.rebuild-budget.";

  private WorkerBudgetConfig() {}

  static BudgetLimits read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (NoSuchFileException e) {
      throw CommandFailure.invalidInput("--worker-config " + file + ": no such file");
    } catch (IOException e) {
      throw CommandFailure.invalidInput("--worker-config " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject() && !root.isMissingNode()) {
      throw CommandFailure.invalidInput("--worker-config " + file + ": not a YAML mapping");
    }
    JsonNode factory = root.path("image-factory");
    JsonNode budget = factory.path("rebuild-budget");
    Map<String, HostBudget> hosts = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = budget.path("hosts").fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> host = entries.next();
      String name = host.getKey().replaceAll("^\\[|\\]$", "");
      String at = "hosts." + host.getKey() + ".";
      hosts.put(
          name,
          new HostBudget(
              optional(file, host.getValue(), at, "runs-per-repository"),
              optional(file, host.getValue(), at, "runs"),
              optional(file, host.getValue(), at, "dispatches-per-hour")));
    }
    return new BudgetLimits(
        value(file, budget, "runs-per-repository", BudgetLimits.DEFAULT_RUNS_PER_REPOSITORY),
        value(file, budget, "runs-per-host", BudgetLimits.DEFAULT_RUNS_PER_HOST),
        value(file, budget, "dispatches-per-hour", BudgetLimits.DEFAULT_DISPATCHES_PER_HOUR),
        hosts,
        Map.of("github", gitHost(file, factory.path("github").path("base-url").asText(null))),
        null);
  }

  /** {@code github.com} for the public API, the host of a GitHub Enterprise API root. */
  private static String gitHost(Path file, String baseUrl) {
    if (baseUrl == null) {
      return "github.com";
    }
    String host = URI.create(baseUrl).getHost();
    if (host == null) {
      throw CommandFailure.invalidInput(
          "--worker-config "
              + file
              + ": image-factory.github.base-url '"
              + baseUrl
              + "' is not a URL");
    }
    return "api.github.com".equals(host) ? "github.com" : host;
  }

  private static int value(Path file, JsonNode budget, String key, int fallback) {
    Integer value = optional(file, budget, "", key);
    return value == null ? fallback : value;
  }

  private static Integer optional(Path file, JsonNode node, String at, String key) {
    JsonNode value = node.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    String text = value.asText();
    int number =
        value.isIntegralNumber()
            ? value.asInt()
            : text.matches("\\d{1,9}") ? Integer.parseInt(text) : 0;
    if (number < 1) {
      throw CommandFailure.invalidInput(
          "--worker-config "
              + file
              + ": "
              + PREFIX
              + at
              + key
              + " must be a whole number of at"
              + " least 1, not '"
              + text
              + "'");
    }
    return number;
  }
}
