package io.imagefactory.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.CiProvider;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitLab CI as a rebuild's CI: a pipeline created on the branch through {@code POST
 * /projects/:id/pipeline}, with the rendered inputs as variables, and followed through {@code GET
 * /projects/:id/pipelines/:pipeline_id}. {@link CiDispatch#repo()} is the project path ({@code
 * group/sub/project}); {@link CiDispatch#workflow()} is not used.
 *
 * <p>Every pipeline carries {@value #REBUILD_ID_VARIABLE} = the rebuild id, which replaces an input
 * of that name. A retry first looks for the pipeline of that id ({@link PipelineFinder}) and
 * returns it instead of creating another. The window that remains: a create GitLab has accepted but
 * not yet stored when the retry lists; more than {@value PipelineFinder#MAX_CANDIDATES} API
 * pipelines on the branch since the request; clocks more than a minute apart. In each a second
 * pipeline can be created, and both carry the rebuild id.
 *
 * <p>Following reads the pipeline's {@code status} once per call ({@link PipelineConclusions}):
 * success, failed and canceled end it; skipped, still waiting to start after {@link
 * GitLabSettings#neverStartedAfter()}, or gone (404) is never started; everything else is in
 * flight. Refusals (4xx) are {@link CiException.Kind#REJECTED} with GitLab's message, 429 is {@link
 * CiException.Kind#RATE_LIMITED} with the delay GitLab asked for, 5xx and network errors are {@link
 * CiException.Kind#UNAVAILABLE}; nothing here sleeps.
 *
 * <p>Plain {@code java.net.http} and Jackson, not gitlab4j-api: four endpoints do not justify the
 * JAX-RS/Jersey stack it brings into a CLI jar that is already too big, and classifying failures
 * needs the raw status and headers (Retry-After, RateLimit-Reset), which the JDK client hands over
 * as they are.
 */
public final class GitLabCiProvider implements CiProvider {

  public static final String NAME = "gitlab";

  /** The pipeline variable that ties a pipeline to the rebuild that created it. */
  public static final String REBUILD_ID_VARIABLE = "IMAGE_FACTORY_REBUILD_ID";

  private static final Logger log = LoggerFactory.getLogger(GitLabCiProvider.class);

  private final GitLabApi api;
  private final PipelineFinder finder;
  private final PipelineConclusions conclusions;

  public GitLabCiProvider(GitLabSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /** With the clock that decides when a waiting pipeline has never started. */
  public GitLabCiProvider(GitLabSettings settings, Clock clock) {
    this.api = new GitLabApi(settings, clock);
    this.finder = new PipelineFinder(api);
    this.conclusions = new PipelineConclusions(clock, settings.neverStartedAfter());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RebuildDispatch dispatch(CiDispatch dispatch) throws CiException {
    String project = projectPath(dispatch.repo());
    String ref = dispatch.ref();
    if (ref == null || ref.isBlank()) {
      throw CiException.rejected("No branch to create the pipeline on in project " + project);
    }
    if (dispatch.retry()) {
      Optional<JsonNode> earlier =
          finder.find(
              project, ref, REBUILD_ID_VARIABLE, dispatch.rebuildId(), dispatch.requestedAt());
      if (earlier.isPresent()) {
        log.info(
            "Rebuild {} of {} already has GitLab pipeline {} in {}, not creating another",
            dispatch.rebuildId(),
            dispatch.image(),
            earlier.get().path("id").asText(),
            project);
        return dispatched(project, earlier.get(), "found by " + REBUILD_ID_VARIABLE);
      }
    }
    Map<String, String> variables = new TreeMap<>(dispatch.inputs());
    variables.put(REBUILD_ID_VARIABLE, dispatch.rebuildId());
    String creating = "creating a pipeline on " + ref + " in project " + project;
    JsonNode created =
        api.expect(
            api.post(
                "/projects/" + GitLabApi.projectId(project) + "/pipeline",
                body(ref, variables),
                creating),
            creating);
    log.info(
        "Rebuild {} of {} created GitLab pipeline {} in {} on {}",
        dispatch.rebuildId(),
        dispatch.image(),
        created.path("id").asText(),
        project,
        ref);
    return dispatched(
        project, created, "created with variables " + String.join(", ", variables.keySet()));
  }

  @Override
  public Optional<RunConclusion> conclusion(RunRef run) throws CiException {
    if (!NAME.equals(run.provider())) {
      throw CiException.rejected(
          "Run " + run.runId() + " is a " + run.provider() + " run, not GitLab's");
    }
    String project = projectPath(run.repo());
    String reading = "reading pipeline " + run.runId() + " in project " + project;
    GitLabApi.Answer answer =
        api.get("/projects/" + GitLabApi.projectId(project) + "/pipelines/" + run.runId(), reading);
    // GitLab says "404 Project Not Found" for the project and "404 Not found" for the pipeline:
    // only a missing pipeline means the run is gone; a missing project is a rejection.
    if (answer.status() == 404 && !projectNotFound(answer)) {
      return Optional.of(conclusions.gone(run));
    }
    return conclusions.read(run, api.expect(answer, reading));
  }

  private static boolean projectNotFound(GitLabApi.Answer answer) {
    return GitLabFailures.said(answer.body())
        .toLowerCase(Locale.ROOT)
        .contains("project not found");
  }

  private static RebuildDispatch dispatched(String project, JsonNode pipeline, String how)
      throws CiException {
    String id = pipeline.path("id").asText("");
    if (id.isEmpty()) {
      // Retried like a lost answer: the retry finds the pipeline if GitLab did create one.
      throw CiException.unavailable(
          "GitLab answered without a pipeline id in project " + project + " (" + how + ")", null);
    }
    String url = pipeline.path("web_url").asText(null);
    String ref = pipeline.path("ref").asText();
    String detail = String.format("GitLab pipeline %s on %s in %s, %s", id, ref, project, how);
    return new RebuildDispatch(
        RebuildDispatch.DISPATCHED, url, detail, new RunRef(NAME, project, id, url));
  }

  private static ObjectNode body(String ref, Map<String, String> variables) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("ref", ref);
    ArrayNode list = body.putArray("variables");
    variables.forEach(
        (key, value) ->
            list.addObject().put("key", key).put("value", value).put("variable_type", "env_var"));
    return body;
  }

  private static String projectPath(String repo) throws CiException {
    String path = repo == null ? "" : repo.strip().replaceAll("^/+|/+$", "");
    if (path.isEmpty()) {
      throw CiException.rejected("No GitLab project path (source.repo) to create the pipeline in");
    }
    return path;
  }
}
