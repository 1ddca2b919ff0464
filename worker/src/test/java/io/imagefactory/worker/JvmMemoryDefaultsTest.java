package io.imagefactory.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.VMOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory defaults are applied only where the user chose nothing. */
class JvmMemoryDefaultsTest {

  /** Options as a map; every option not listed has its built-in value. */
  private static final class FakeOptions implements JvmMemoryDefaults.Options {
    final Map<String, VMOption> options = new HashMap<>();

    FakeOptions chosen(String name, String value) {
      options.put(name, new VMOption(name, value, true, VMOption.Origin.VM_CREATION));
      return this;
    }

    @Override
    public VMOption get(String name) {
      return options.getOrDefault(name, new VMOption(name, "0", true, VMOption.Origin.DEFAULT));
    }

    @Override
    public void set(String name, String value) {
      if (name.equals("MaxHeapFreeRatio")
          && Integer.parseInt(value) < Integer.parseInt(get("MinHeapFreeRatio").getValue())) {
        throw new IllegalArgumentException("MaxHeapFreeRatio below MinHeapFreeRatio");
      }
      options.put(name, new VMOption(name, value, true, VMOption.Origin.MANAGEMENT));
    }
  }

  @Test
  void setsEveryDefaultWhenNothingWasChosen() {
    FakeOptions options = new FakeOptions();

    assertThat(new JvmMemoryDefaults(options).apply())
        .containsExactly(
            "MinHeapFreeRatio=10", "MaxHeapFreeRatio=30", "G1PeriodicGCInterval=60000");
    assertThat(options.get("MaxHeapFreeRatio").getValue()).isEqualTo("30");
  }

  @Test
  void leavesWhatTheUserChoseAndWhatWouldContradictIt() {
    FakeOptions options = new FakeOptions().chosen("MinHeapFreeRatio", "40");
    options.chosen("G1PeriodicGCInterval", "0");

    assertThat(new JvmMemoryDefaults(options).apply()).isEmpty();
    assertThat(options.get("MinHeapFreeRatio").getValue()).isEqualTo("40");
  }

  @Test
  void aHeapLimitChosenAtLaunchIsNotReportedAsDerivedFromTheMachine() {
    assertThat(new JvmMemoryDefaults(new FakeOptions()).heapLimitFromMachine()).isTrue();
    assertThat(
            new JvmMemoryDefaults(new FakeOptions().chosen("MaxRAM", "2147483648"))
                .heapLimitFromMachine())
        .isFalse();
    assertThat(
            new JvmMemoryDefaults(new FakeOptions().chosen("MaxHeapSize", "536870912"))
                .heapLimitFromMachine())
        .isFalse();
  }
}
