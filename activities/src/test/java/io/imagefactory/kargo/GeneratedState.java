package io.imagefactory.kargo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic state of {@code n} images for scale tests and timing: four in five managed (each on
 * two of {@code n/4} bases), one in five external, plus a few digest-only bases. The same {@code n}
 * always gives the same state.
 */
public final class GeneratedState {

  private static final String[] STRATEGIES = {"SemVer", "Lexical", "Digest", "NewestBuild"};

  public final List<ImageState> images = new ArrayList<>();
  public final List<BaseImageState> bases = new ArrayList<>();

  public static GeneratedState of(int n) {
    GeneratedState state = new GeneratedState();
    int baseCount = Math.max(1, n / 4);
    List<List<String>> dependents = new ArrayList<>();
    for (int b = 0; b < baseCount; b++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      String name = String.format("app-%05d", i);
      if (i % 5 == 4) {
        String strategy = STRATEGIES[i % STRATEGIES.length];
        String allow = "Digest".equals(strategy) ? "^" + (i % 30) + "-alpine$" : "^\\d+-alpine$";
        state.images.add(States.external(name, "docker.io/vendor/tool-" + i, allow, strategy));
      } else {
        state.images.add(States.managed(name, "ghcr.io", "example-org/" + name));
        dependents.get(i % baseCount).add(name);
        dependents.get((i * 7 + 3) % baseCount).add(name);
      }
    }
    for (int b = 0; b < baseCount; b++) {
      String tag = b % 50 == 49 ? null : (b % 20) + "-bookworm-slim";
      String name = String.format("base-%05d", b) + (tag == null ? "" : "-" + tag);
      state.bases.add(
          States.base(
              name,
              "docker.io/library/runtime-" + b,
              tag,
              dependents.get(b).stream().distinct().sorted().toArray(String[]::new)));
    }
    return state;
  }

  /** Writes the state as state files under {@code stateDir} (images/, base-images/). */
  public void writeTo(Path stateDir) throws IOException {
    ObjectMapper yaml =
        YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    Files.createDirectories(stateDir.resolve("images"));
    Files.createDirectories(stateDir.resolve("base-images"));
    for (ImageState image : images) {
      yaml.writeValue(stateDir.resolve("images/" + image.name() + ".yaml").toFile(), image);
    }
    for (BaseImageState base : bases) {
      yaml.writeValue(stateDir.resolve("base-images/" + base.name() + ".yaml").toFile(), base);
    }
  }
}
