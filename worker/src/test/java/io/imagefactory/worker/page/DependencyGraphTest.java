package io.imagefactory.worker.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.worker.page.DependencyGraph.Edge;
import io.imagefactory.worker.page.DependencyGraph.Node;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  @Test
  void basesStandAtDepthZeroAndEachImageOneRightOfItsDeepestBase() {
    DependencyGraph graph =
        DependencyGraph.of(
            PageFixtures.states(
                Map.of(
                    "base-images/python.yaml", PageFixtures.base("python"),
                    "base-images/busybox.yaml", PageFixtures.base("busybox"),
                    "images/base-python.yaml",
                        PageFixtures.managed("base-python", PageFixtures.MONITORING, "python"),
                    "images/reports.yaml",
                        PageFixtures.managed(
                            "reports", PageFixtures.MONITORING, "base-python", "busybox"))));

    assertThat(graph.nodes())
        .containsExactly(
            new Node("base-python", "managed", "watching", 1),
            new Node("busybox", "base", "watching", 0),
            new Node("python", "base", "watching", 0),
            new Node("reports", "managed", "watching", 2));
    assertThat(graph.edges())
        .containsExactly(
            new Edge("python", "base-python", false),
            new Edge("base-python", "reports", true),
            new Edge("busybox", "reports", false));
  }

  @Test
  void aCycleInHostileStateFilesIsDrawnNotLooped() {
    DependencyGraph graph =
        DependencyGraph.of(
            PageFixtures.states(
                Map.of(
                    "images/a.yaml", PageFixtures.managed("a", PageFixtures.MONITORING, "b"),
                    "images/b.yaml", PageFixtures.managed("b", PageFixtures.MONITORING, "a"),
                    "images/c.yaml", PageFixtures.managed("c", PageFixtures.MONITORING, "c"))));

    assertThat(graph.nodes()).extracting(Node::name).containsExactly("a", "b", "c");
    assertThat(graph.nodes()).extracting(Node::depth).allMatch(d -> d <= DependencyGraph.MAX_DEPTH);
    assertThat(graph.edges()).extracting(Edge::to).containsExactly("a", "b");
    assertThat(GraphSvg.render(graph)).contains("data-name=\"a\"", "data-name=\"c\"");
  }

  @Test
  void aBaseNoStateFileNamesGetsNoNodeAndNoEdge() {
    DependencyGraph graph =
        DependencyGraph.of(
            PageFixtures.states(
                Map.of(
                    "images/web.yaml",
                    PageFixtures.managed("web", PageFixtures.MONITORING, "gone"))));

    assertThat(graph.nodes()).containsExactly(new Node("web", "managed", "watching", 0));
    assertThat(graph.edges()).isEmpty();
  }
}
