package io.imagefactory.bench.enrollment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Generates a state repository enrolling N managed images whose Dockerfiles live in R local
 * source repositories, to time a whole enrollment through the worker:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.enrollment.GenerateEnrollmentRepos /tmp/enroll-200 200 4
 * IMAGE_FACTORY_STATE_REPO_URL=/tmp/enroll-200/state IMAGE_FACTORY_SOURCES_ALLOW_LOCAL=true \
 *   IMAGE_FACTORY_EMBEDDED_DATA_DIR=/tmp/enroll-200/data java -jar worker/target/image-factory-worker.jar
 * time java -jar starter/target/image-factory.jar enroll --wait
 * </pre>
 */
public final class GenerateEnrollmentRepos {

  private static final String[] BASES = {
    "node:22-bookworm-slim", "python:3.12-slim", "golang:1.23-bookworm",
    "eclipse-temurin:21-jre", "gcr.io/distroless/static-debian12:nonroot", "nginx:1.27-alpine",
    "mcr.microsoft.com/dotnet/aspnet:8.0", "ruby:3.3-slim"
  };

  private GenerateEnrollmentRepos() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int repos = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    StringBuilder catalog = new StringBuilder("images:\n");
    for (int r = 0; r < repos; r++) {
      Path repo = dir.resolve("sources/repo-" + r);
      for (int i = r; i < images; i += repos) {
        String builder = BASES[i % BASES.length];
        String runtime = BASES[(i + 3) % BASES.length];
        Path dockerfile = repo.resolve("apps/app-" + i + "/Dockerfile");
        Files.createDirectories(dockerfile.getParent());
        Files.writeString(
            dockerfile,
            "# syntax=docker/dockerfile:1\nARG VERSION=1\nFROM " + builder + " AS build\n"
                + "RUN echo build $VERSION > /out\n\nFROM " + runtime + "\n"
                + "COPY --from=build /out /out\n");
        catalog
            .append("  - name: app-").append(i).append('\n')
            .append("    registry: ghcr.io\n")
            .append("    repository: example-org/app-").append(i).append('\n')
            .append("    source:\n")
            .append("      provider: github\n")
            .append("      repo: ").append(repo.toUri()).append('\n')
            .append("      dockerfile: apps/app-").append(i).append("/Dockerfile\n")
            .append("      workflow: build.yml\n")
            .append("    rebuildDelay: 7d\n");
      }
      commitAll(repo, "Dockerfiles");
    }
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    Files.writeString(state.resolve("images.yaml"), catalog.toString());
    commitAll(state, "Enroll " + images + " images");
    System.out.println("state repository: " + state + " (" + images + " images, " + repos + " source repositories)");
  }

  private static void commitAll(Path dir, String message) throws IOException, GitAPIException {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).setAuthor("bench", "bench@localhost")
          .setCommitter("bench", "bench@localhost").setSign(false).call();
    }
  }
}
