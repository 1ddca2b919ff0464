package io.imagefactory.bench.enrollment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Generates a state repository enrolling N managed images whose Dockerfiles live in R local source
 * repositories (and a bare state repository {@code state.git}), plus N/5 external images, to time a
 * whole enrollment through the worker. The same seed gives the same fleet: Dockerfiles of one to
 * three stages with one to three bases (global {@code ARG}s, {@code COPY --from=<image>}, {@code
 * RUN --mount=from=<image>}), a few images built on other managed images (cascades), every fifth
 * image on {@code node:22-bookworm-slim} (a base with 1,000 dependents at 5,000 images) and one
 * build workflow per repository.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.enrollment.GenerateEnrollmentRepos /tmp/enroll-1000 1000 10 42
 * IMAGE_FACTORY_STATE_REPO_URL=/tmp/enroll-1000/state.git IMAGE_FACTORY_SOURCES_ALLOW_LOCAL=true \
 *   IMAGE_FACTORY_EMBEDDED_DATA_DIR=/tmp/enroll-1000/data java -jar worker/target/image-factory-worker.jar
 * time java -jar starter/target/image-factory.jar enroll --wait
 * </pre>
 */
public final class GenerateEnrollmentRepos {

  private static final String[] BUILDERS = {
    "node:22-bookworm-slim",
    "node:20-bookworm",
    "python:3.12-slim",
    "python:3.11-slim-bookworm",
    "golang:1.23-bookworm",
    "golang:1.22-alpine",
    "maven:3.9-eclipse-temurin-21",
    "gradle:8.10-jdk21",
    "rust:1.82-slim-bookworm",
    "mcr.microsoft.com/dotnet/sdk:8.0",
    "ruby:3.3-bookworm"
  };
  private static final int POPULAR_EVERY = 5;
  private static final String POPULAR_RUNTIME = "node:22-bookworm-slim";

  private static final String[] RUNTIMES = {
    "node:22-bookworm-slim",
    "node:20-alpine",
    "python:3.12-slim",
    "eclipse-temurin:21-jre",
    "gcr.io/distroless/static-debian12:nonroot",
    "gcr.io/distroless/java21-debian12",
    "gcr.io/distroless/python3-debian12",
    "nginx:1.27-alpine",
    "mcr.microsoft.com/dotnet/aspnet:8.0",
    "ruby:3.3-slim",
    "debian:bookworm-slim",
    "alpine:3.20",
    "ubuntu:24.04"
  };
  private static final String[] TOOLS = {
    "busybox:1.36",
    "ghcr.io/grpc-ecosystem/grpc-health-probe:v0.4.28",
    "ghcr.io/astral-sh/uv:0.4.30",
    "quay.io/prometheus/node-exporter:v1.8.2"
  };
  private static final String[] VENDORS = {
    "library/postgres",
    "library/redis",
    "library/rabbitmq",
    "bitnami/kafka",
    "library/mongo",
    "library/memcached",
    "grafana/grafana",
    "library/traefik"
  };

  private GenerateEnrollmentRepos() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int repos = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    Fleet fleet = generate(dir, images, repos, seed);
    System.out.println(
        "state repository: "
            + fleet.stateRepo()
            + " ("
            + images
            + " managed images in "
            + repos
            + " source repositories, "
            + fleet.externalImages()
            + " external, "
            + fleet.cascades()
            + " built on a managed image; seed "
            + seed
            + ")");
  }

  /** What was generated. */
  public record Fleet(Path stateRepo, List<Path> sourceRepos, int externalImages, int cascades) {}

  /** Writes the fleet under {@code dir}: {@code sources/repo-<r>} and {@code state}. */
  public static Fleet generate(Path dir, int images, int repos, long seed)
      throws IOException, GitAPIException {
    Random random = new Random(seed);
    // Every 20th image is a base others build on; only earlier ones, so there is never a cycle.
    int platformEvery = 20;
    List<List<Integer>> byRepo = new ArrayList<>();
    for (int r = 0; r < repos; r++) {
      byRepo.add(new ArrayList<>());
    }
    StringBuilder catalog = new StringBuilder("images:\n");
    int cascades = 0;
    String[] dockerfiles = new String[images];
    for (int i = 0; i < images; i++) {
      int platforms = (i + platformEvery - 1) / platformEvery;
      boolean cascade = platforms > 0 && i % platformEvery != 0 && random.nextInt(10) == 0;
      // Every fifth image runs on one popular base: 1,000 dependents in a fleet of 5,000.
      boolean popular = i % POPULAR_EVERY == 0;
      cascade = cascade && !popular;
      String cascadeBase =
          cascade
              ? "ghcr.io/example-org/app-" + platformEvery * random.nextInt(platforms) + ":latest"
              : null;
      cascades += cascade ? 1 : 0;
      dockerfiles[i] = dockerfile(random, i, popular ? POPULAR_RUNTIME : cascadeBase);
      byRepo.get(i % repos).add(i);
      int r = i % repos;
      catalog
          .append("  - name: app-")
          .append(i)
          .append('\n')
          .append("    registry: ghcr.io\n")
          .append("    repository: example-org/app-")
          .append(i)
          .append('\n')
          .append("    source:\n")
          .append("      provider: github\n")
          .append("      repo: ")
          .append(dir.resolve("sources/repo-" + r).toUri())
          .append('\n')
          .append("      dockerfile: services/app-")
          .append(i)
          .append("/Dockerfile\n")
          .append("      workflow: build.yml\n")
          .append("      workflowInputs:\n")
          .append("        image: app-")
          .append(i)
          .append('\n')
          .append("        rebuild_id: \"${rebuild.id}\"\n")
          .append("    rebuildDelay: ")
          .append(new String[] {"7d", "3d", "12h", "14d"}[random.nextInt(4)])
          .append('\n');
      if (random.nextInt(4) == 0) {
        catalog.append("    autoRebuild: false\n");
      }
    }
    int externals = images / 5;
    for (int e = 0; e < externals; e++) {
      String vendor = VENDORS[e % VENDORS.length];
      catalog
          .append("  - name: ext-")
          .append(e)
          .append('\n')
          .append("    registry: docker.io\n")
          .append("    repository: ")
          .append(vendor)
          .append(e < VENDORS.length ? "" : "-" + e)
          .append('\n')
          .append("    allowTags: ^")
          .append(10 + random.nextInt(8))
          .append("-alpine$\n")
          .append("    imageSelectionStrategy: Lexical\n")
          .append("    rebuildDelay: 30d\n")
          .append("    autoRebuild: false\n");
    }
    List<Path> sources = new ArrayList<>();
    for (int r = 0; r < repos; r++) {
      Path repo = dir.resolve("sources/repo-" + r);
      for (int i : byRepo.get(r)) {
        Path dockerfile = repo.resolve("services/app-" + i + "/Dockerfile");
        Files.createDirectories(dockerfile.getParent());
        Files.writeString(dockerfile, dockerfiles[i]);
      }
      Path workflow = repo.resolve(".github/workflows/build.yml");
      Files.createDirectories(workflow.getParent());
      Files.writeString(workflow, WORKFLOW);
      commitAll(repo, "Dockerfiles of " + byRepo.get(r).size() + " services");
      sources.add(repo);
    }
    Path edit = dir.resolve("state-edit");
    Files.createDirectories(edit);
    Files.writeString(edit.resolve("images.yaml"), catalog.toString());
    commitAll(edit, "Enroll " + images + " images");
    // The worker pushes to the state repository, so it is bare, as on any server.
    Path state = dir.resolve("state.git");
    Git.cloneRepository()
        .setURI(edit.toUri().toString())
        .setDirectory(state.toFile())
        .setBare(true)
        .call()
        .close();
    return new Fleet(state, sources, externals, cascades);
  }

  /** One to three stages, one to three bases; a cascade's runtime stage is the managed image. */
  static String dockerfile(Random random, int i, String cascadeBase) {
    String builder = pick(random, BUILDERS);
    String runtime = cascadeBase != null ? cascadeBase : pick(random, RUNTIMES);
    int shape = random.nextInt(4);
    StringBuilder text = new StringBuilder("# syntax=docker/dockerfile:1\n");
    text.append("# Service app-").append(i).append(": built by .github/workflows/build.yml\n");
    if (shape == 0) {
      text.append("ARG BASE_IMAGE=")
          .append(runtime)
          .append('\n')
          .append("FROM ${BASE_IMAGE}\n")
          .append("WORKDIR /app\n")
          .append("COPY . .\n")
          .append("RUN ./install.sh && rm -rf /var/cache/apt/* \\\n")
          .append("    # cleaned in the same layer\n")
          .append("    && echo done\n")
          .append("USER 10001\n")
          .append("CMD [\"/app/run\"]\n");
      return text.toString();
    }
    text.append("ARG VERSION=1.")
        .append(i % 50)
        .append('\n')
        .append("FROM --platform=$BUILDPLATFORM ")
        .append(builder)
        .append(" AS build\n")
        .append("WORKDIR /src\n")
        .append("COPY . .\n")
        .append("RUN --mount=type=cache,target=/root/.cache \\\n")
        .append("    make build VERSION=${VERSION} OUT=/out/app\n\n");
    if (shape == 3) {
      text.append("FROM build AS test\n").append("RUN make test\n\n");
    }
    text.append("FROM ")
        .append(runtime)
        .append('\n')
        .append("COPY --from=build /out/app /usr/local/bin/app\n");
    if (shape >= 2) {
      String tool = pick(random, TOOLS);
      if (random.nextBoolean()) {
        text.append("COPY --from=").append(tool).append(" /bin/ /opt/tools/\n");
      } else {
        text.append("RUN --mount=type=bind,from=")
            .append(tool)
            .append(",source=/bin,target=/mnt/tools cp /mnt/tools/* /usr/local/bin/\n");
      }
    }
    text.append("EXPOSE 8080\n").append("ENTRYPOINT [\"/usr/local/bin/app\"]\n");
    return text.toString();
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static final String WORKFLOW =
      """
      name: Build a service
      run-name: "Build ${{ inputs.image }} ${{ inputs.rebuild_id }}"
      on:
        workflow_dispatch:
          inputs:
            image:
              type: string
              required: true
            rebuild_id:
              type: string
              default: ""
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - uses: docker/build-push-action@v6
              with:
                context: services/${{ inputs.image }}
                push: true
                tags: ghcr.io/example-org/${{ inputs.image }}:latest
      """;

  private static void commitAll(Path dir, String message) throws IOException, GitAPIException {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage(message)
          .setAuthor("bench", "bench@localhost")
          .setCommitter("bench", "bench@localhost")
          .setSign(false)
          .call();
    }
  }
}
