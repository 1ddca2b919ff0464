package io.imagefactory.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipelines a {@link FakeGitLab} holds, and how GitLab renders them: the full entity of {@code
 * gitlab/pipeline.json} for create and get, the basic one for lists, the variables array.
 */
final class FakePipelines {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One pipeline; tests change its status as GitLab would. */
  static final class Pipeline {
    final long id;
    final long iid;
    final String project;
    final String ref;
    final String source;
    final Map<String, String> variables;
    final Instant createdAt;
    String status;
    Instant updatedAt;
    Instant finishedAt;
    String yamlErrors;

    Pipeline(
        long id,
        long iid,
        String project,
        String ref,
        String source,
        String status,
        Instant createdAt,
        Map<String, String> variables) {
      this.id = id;
      this.iid = iid;
      this.project = project;
      this.ref = ref;
      this.source = source;
      this.status = status;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
      this.variables = new LinkedHashMap<>(variables);
    }
  }

  private final String baseUrl;
  private final AtomicLong ids = new AtomicLong(1000);
  private final List<Pipeline> pipelines = new ArrayList<>();

  FakePipelines(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  synchronized Pipeline add(
      String project,
      String ref,
      String source,
      String status,
      Instant createdAt,
      Map<String, String> variables) {
    long id = ids.incrementAndGet();
    Pipeline pipeline =
        new Pipeline(id, id - 900, project, ref, source, status, createdAt, variables);
    pipelines.add(pipeline);
    return pipeline;
  }

  synchronized Optional<Pipeline> find(String project, long id) {
    return pipelines.stream().filter(p -> p.id == id && p.project.equals(project)).findFirst();
  }

  synchronized void remove(long id) {
    pipelines.removeIf(p -> p.id == id);
  }

  synchronized List<Pipeline> of(String project) {
    return pipelines.stream().filter(p -> p.project.equals(project)).toList();
  }

  /** GitLab's list filters: ref, source, updated_after, ordered by id. */
  synchronized List<Pipeline> list(String project, Map<String, String> query) {
    Comparator<Pipeline> byId = Comparator.comparingLong(p -> p.id);
    return pipelines.stream()
        .filter(p -> p.project.equals(project))
        .filter(p -> !query.containsKey("ref") || query.get("ref").equals(p.ref))
        .filter(p -> !query.containsKey("source") || query.get("source").equals(p.source))
        .filter(
            p ->
                !query.containsKey("updated_after")
                    || !p.updatedAt.isBefore(Instant.parse(query.get("updated_after"))))
        .sorted("asc".equals(query.get("sort")) ? byId : byId.reversed())
        .toList();
  }

  ObjectNode full(Pipeline p) {
    ObjectNode node = (ObjectNode) fixture("pipeline.json");
    node.put("id", p.id).put("iid", p.iid).put("ref", p.ref).put("status", p.status);
    node.put("source", p.source).put("web_url", webUrl(p));
    node.put("created_at", p.createdAt.toString()).put("updated_at", p.updatedAt.toString());
    node.put("finished_at", p.finishedAt == null ? null : p.finishedAt.toString());
    node.put("yaml_errors", p.yamlErrors);
    ObjectNode detailed = (ObjectNode) node.get("detailed_status");
    String label = "success".equals(p.status) ? "passed" : p.status;
    detailed.put("icon", "status_" + p.status).put("label", label).put("group", p.status);
    detailed.put("text", label.substring(0, 1).toUpperCase() + label.substring(1));
    detailed.put("details_path", "/" + p.project + "/-/pipelines/" + p.id);
    return node;
  }

  ObjectNode basic(Pipeline p) {
    ObjectNode full = full(p);
    ObjectNode node = JSON.createObjectNode();
    for (String field :
        List.of(
            "id",
            "iid",
            "project_id",
            "sha",
            "ref",
            "status",
            "source",
            "created_at",
            "updated_at",
            "web_url")) {
      node.set(field, full.get(field));
    }
    return node;
  }

  ArrayNode variables(Pipeline p) {
    ArrayNode list = JSON.createArrayNode();
    p.variables.forEach(
        (key, value) ->
            list.addObject()
                .put("variable_type", "env_var")
                .put("key", key)
                .put("value", value)
                .put("raw", false));
    return list;
  }

  private String webUrl(Pipeline p) {
    return baseUrl + "/" + p.project + "/-/pipelines/" + p.id;
  }

  static JsonNode fixture(String name) {
    try {
      return JSON.readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    try (InputStream in = FakePipelines.class.getResourceAsStream("/gitlab/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture gitlab/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
