package io.imagefactory.worker;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Memory settings the JVM lets a running process change, set when the user chose none: the heap
 * gives memory back to the system after a collection ({@code MinHeapFreeRatio}, {@code
 * MaxHeapFreeRatio}) and an idle worker collects once a minute ({@code G1PeriodicGCInterval}), so
 * the resident size follows the live heap after an enrollment instead of its peak. The heap limit
 * itself can only be chosen at launch ({@code -XX:MaxRAM=2g}, {@code -Xmx}, or {@code
 * -XX:MaxRAMPercentage} in a container); when the JVM derived it from the machine's memory, the
 * worker says so once.
 */
final class JvmMemoryDefaults implements ApplicationListener<ApplicationStartedEvent> {

  private static final Logger log = LoggerFactory.getLogger(JvmMemoryDefaults.class);

  /** Applied in this order, so the lower ratio never exceeds the upper one on the way. */
  static final Map<String, String> DEFAULTS = defaults();

  private static final List<String> HEAP_LIMITS =
      List.of("MaxHeapSize", "MaxRAM", "MaxRAMPercentage", "MaxRAMFraction");

  /** The JVM's options, read and written; the platform's, or a test's. */
  interface Options {
    VMOption get(String name);

    void set(String name, String value);
  }

  private final Options options;

  JvmMemoryDefaults() {
    this(platform());
  }

  JvmMemoryDefaults(Options options) {
    this.options = options;
  }

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    List<String> applied = apply();
    if (!applied.isEmpty()) {
      log.info("JVM memory: {} (not chosen at launch)", String.join(", ", applied));
    }
    if (heapLimitFromMachine()) {
      log.warn(
          "JVM heap limit {} MiB was derived from this machine's memory: start the worker with"
              + " -XX:MaxRAM=2g (or -Xmx512m) to bound it; see deploy/README.md",
          Long.parseLong(options.get("MaxHeapSize").getValue()) / (1024 * 1024));
    }
  }

  /** Sets each default whose option still has its built-in value; returns what it set. */
  List<String> apply() {
    List<String> applied = new ArrayList<>();
    DEFAULTS.forEach(
        (name, value) -> {
          try {
            if (options.get(name).getOrigin() == VMOption.Origin.DEFAULT) {
              options.set(name, value);
              applied.add(name + "=" + value);
            }
          } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // Not this JVM's option, or at odds with one the user chose: theirs wins.
            log.debug("JVM option {} left as it is: {}", name, e.toString());
          }
        });
    return applied;
  }

  /** True when no heap limit was given at launch, so the JVM sized it from the machine. */
  boolean heapLimitFromMachine() {
    for (String name : HEAP_LIMITS) {
      try {
        VMOption.Origin origin = options.get(name).getOrigin();
        if (origin != VMOption.Origin.DEFAULT && origin != VMOption.Origin.ERGONOMIC) {
          return false;
        }
      } catch (IllegalArgumentException unknown) {
        // An option this JVM does not have was not chosen either.
      }
    }
    return true;
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("MinHeapFreeRatio", "10");
    defaults.put("MaxHeapFreeRatio", "30");
    defaults.put("G1PeriodicGCInterval", "60000");
    return defaults;
  }

  private static Options platform() {
    HotSpotDiagnosticMXBean bean =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return new Options() {
      @Override
      public VMOption get(String name) {
        return bean.getVMOption(name);
      }

      @Override
      public void set(String name, String value) {
        bean.setVMOption(name, value);
      }
    };
  }
}
