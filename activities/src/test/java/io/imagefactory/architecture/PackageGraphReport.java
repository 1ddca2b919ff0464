package io.imagefactory.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the package dependency graph (edges with file counts, then cycles) to {@code
 * activities/target/package-graph.txt}. Run it with {@code mvn -B -ntp -o -q test -pl activities
 * -Dtest=PackageGraphReport -Dimage-factory.print-graph=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "image-factory.print-graph", matches = "true")
class PackageGraphReport {

  @Test
  void writesTheGraph() throws IOException {
    String graph = PackageGraph.read(PackageGraph.repositoryRoot()).describe();
    Path out = Path.of("target", "package-graph.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, graph);
    assertFalse(graph.isBlank());
  }
}
