package io.imagefactory.determinism;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.image.ImageWorkflowImpl;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The determinism guard of {@code mvn verify}, in place of Temporal's {@code
 * temporal-workflowcheck} (not on Maven Central here): the bytecode of every main class of this
 * module is scanned for what workflow code must not do ({@link ForbiddenCalls}). ASM comes to the
 * test class path with {@code temporal-testing}.
 *
 * <p>Scope: all of {@code workflows/src/main}, not only the {@code *WorkflowImpl} classes. The
 * workflow implementations reach most of the module (the pure rules, the outbox, the budget client,
 * the summaries, the records they exchange), a new helper is reached the day it is written, and the
 * activity interfaces and their records have no reason to read a clock or a file either, so
 * scanning everything costs nothing and needs no reachability analysis. {@link #NOT_WORKFLOW_CODE}
 * names the classes that never run inside a workflow, each with why.
 */
class WorkflowDeterminismTest {

  /**
   * Main classes that run only in clients and workers, never in workflow code. Empty today: {@code
   * PayloadCompression} runs in the data converter, but deflates in memory, which passes.
   */
  static final Set<String> NOT_WORKFLOW_CODE = Set.of();

  @Test
  void noWorkflowClassDoesWhatWorkflowCodeMustNot() throws IOException, URISyntaxException {
    List<Path> classes = mainClasses();
    List<String> findings = new ArrayList<>();
    for (Path file : classes) {
      findings.addAll(ForbiddenCalls.in(Files.readAllBytes(file)));
    }
    // The scan read the module: a wrong output directory would pass on nothing.
    assertThat(classes).hasSizeGreaterThan(50);
    assertThat(findings).as("calls workflow code must not make").isEmpty();
  }

  static Stream<Class<?>> plantedViolations() {
    return Stream.of(
        ReadsTheClock.class,
        ReadsTheClockByReference.class,
        ReadsNanoTime.class,
        Sleeps.class,
        StartsAThread.class,
        DrawsARandomUuid.class,
        DrawsFromRandom.class,
        UsesAnExecutor.class,
        TakesALock.class,
        SynchronizesAMethod.class,
        SynchronizesABlock.class,
        ReadsAFile.class,
        OpensASocket.class);
  }

  @ParameterizedTest
  @MethodSource("plantedViolations")
  void aPlantedViolationIsFound(Class<?> fixture) {
    assertThat(ForbiddenCalls.in(fixture))
        .as(fixture.getSimpleName())
        .isNotEmpty()
        .allSatisfy(finding -> assertThat(finding).startsWith(internalName(fixture) + "."));
  }

  @Test
  void aFindingNamesTheClassTheMethodTheCallAndWhatToUseInstead() {
    assertThat(ForbiddenCalls.in(ReadsTheClock.class))
        .containsExactly(
            internalName(ReadsTheClock.class)
                + ".at: uses java/time/Instant.now (use Workflow.currentTimeMillis())");
  }

  @Test
  void workflowSideTimeAndPureJavaPass() {
    assertThat(ForbiddenCalls.in(UsesOnlyValues.class)).isEmpty();
    assertThat(ForbiddenCalls.in(ImageWorkflowImpl.class)).isEmpty();
  }

  private static List<Path> mainClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(
            ImageWorkflowImpl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".class"))
          .filter(p -> !NOT_WORKFLOW_CODE.contains(className(root, p)))
          .sorted()
          .toList();
    }
  }

  private static String className(Path root, Path file) {
    String relative = root.relativize(file).toString().replace('\\', '/');
    return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  // Planted violations: each fixture does one thing workflow code must not.

  static final class ReadsTheClock {
    Instant at() {
      return Instant.now();
    }
  }

  static final class ReadsTheClockByReference {
    Supplier<Instant> clock() {
      return Instant::now;
    }
  }

  static final class ReadsNanoTime {
    long at() {
      return System.nanoTime();
    }
  }

  static final class Sleeps {
    void pause() throws InterruptedException {
      Thread.sleep(10);
    }
  }

  static final class StartsAThread {
    void start() {
      new Thread(() -> {}).start();
    }
  }

  static final class DrawsARandomUuid {
    String id() {
      return UUID.randomUUID().toString();
    }
  }

  static final class DrawsFromRandom {
    int pick() {
      return new Random().nextInt(3);
    }
  }

  static final class UsesAnExecutor {
    void run() {
      Executors.newSingleThreadExecutor().shutdown();
    }
  }

  static final class TakesALock {
    private final ReentrantLock lock = new ReentrantLock();

    void guarded() {
      lock.lock();
      lock.unlock();
    }
  }

  static final class SynchronizesAMethod {
    synchronized void guarded() {}
  }

  static final class SynchronizesABlock {
    private final Object monitor = new Object();

    void guarded() {
      synchronized (monitor) {
        monitor.hashCode();
      }
    }
  }

  static final class ReadsAFile {
    boolean exists() {
      return new java.io.File("images.yaml").exists();
    }
  }

  static final class OpensASocket {
    void connect() throws IOException {
      new java.net.Socket("localhost", 7233).close();
    }
  }

  static final class UsesOnlyValues {
    Instant later(Instant at) {
      return at.plusSeconds(60);
    }
  }
}
