package dev.millrace.windowing.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.inmemory.InMemoryStateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The index of a key's held windows reports exactly the earliest hold of the windows that hold
 * something, whatever the order of adds, raises and releases, and keeps no state once nothing is
 * held.
 */
class HeldWindowIndexTest {
  @ParameterizedTest(name = "seed {0}, {1} windows, {2} steps, raise {3}")
  @CsvSource({
    "1, 3, 200, false",
    "2, 10, 2000, false",
    "3, 10, 2000, true",
    "4, 60, 5000, true",
    "5, 1, 100, true",
  })
  void minimumMatchesABruteForceMinimum(long seed, int windowCount, int steps, boolean raise) {
    Random random = new Random(seed);
    StateInternals s = InMemoryStateStore.<String>encoding().forKey("k");
    HeldWindowIndex index = new HeldWindowIndex(StateCodecs.intervalWindows());
    Map<BoundedWindow, Long> holds = new HashMap<>();
    Function<BoundedWindow, OptionalLong> holdOf = w ->
        holds.containsKey(w) ? OptionalLong.of(holds.get(w)) : OptionalLong.empty();
    List<BoundedWindow> windows = new ArrayList<>();
    for (int i = 0; i < windowCount; i++) {
      windows.add(new IntervalWindow(i * 10L, i * 10L + 10));
    }
    for (int step = 0; step < steps; step++) {
      BoundedWindow w = windows.get(random.nextInt(windowCount));
      OptionalLong before = holdOf.apply(w);
      int action = random.nextInt(4);
      if (action == 0) {
        holds.remove(w);
      } else if (action == 1 || !raise) {
        long candidate = random.nextInt(1000);
        holds.put(w, before.isPresent() ? Math.min(before.getAsLong(), candidate) : candidate);
      } else {
        holds.put(w, (long) random.nextInt(1000));
      }
      index.changed(s, new HeldWindowIndex.Change(w, before, holdOf.apply(w)), holdOf);
      if (random.nextInt(3) == 0) {
        long expected = holds.values().stream().mapToLong(Long::longValue).min()
            .orElse(Timestamps.MAX);
        assertThat(index.minimum(s, holdOf)).as("step %d", step).isEqualTo(expected);
      }
    }
    long expected = holds.values().stream().mapToLong(Long::longValue).min()
        .orElse(Timestamps.MAX);
    assertThat(index.minimum(s, holdOf)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} windows")
  @CsvSource({"1", "5", "100"})
  void releasingEveryWindowLeavesNoState(int windowCount) {
    InMemoryStateStore<String> store = InMemoryStateStore.encoding();
    StateInternals s = store.forKey("k");
    HeldWindowIndex index = new HeldWindowIndex(StateCodecs.intervalWindows());
    Map<BoundedWindow, Long> holds = new HashMap<>();
    Function<BoundedWindow, OptionalLong> holdOf = w ->
        holds.containsKey(w) ? OptionalLong.of(holds.get(w)) : OptionalLong.empty();
    for (int i = 0; i < windowCount; i++) {
      BoundedWindow w = new IntervalWindow(i * 10L, i * 10L + 10);
      holds.put(w, i * 10L + 9);
      index.changed(s, new HeldWindowIndex.Change(w, OptionalLong.empty(), holdOf.apply(w)),
          holdOf);
    }
    assertThat(index.minimum(s, holdOf)).isEqualTo(9);
    for (int i = 0; i < windowCount; i++) {
      BoundedWindow w = new IntervalWindow(i * 10L, i * 10L + 10);
      OptionalLong before = holdOf.apply(w);
      holds.remove(w);
      index.changed(s, new HeldWindowIndex.Change(w, before, OptionalLong.empty()), holdOf);
      long expected = i + 1 < windowCount ? (i + 1) * 10L + 9 : Timestamps.MAX;
      assertThat(index.minimum(s, holdOf)).isEqualTo(expected);
    }
    store.releaseIfEmpty("k");
    assertThat(store.keys()).isEmpty();
  }
}
