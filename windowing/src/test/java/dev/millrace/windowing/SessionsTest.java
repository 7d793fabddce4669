package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionsTest {
  private static final Sessions GAP_10 = Sessions.withGapDuration(Duration.ofMillis(10));

  /** A merge context that records the merges. */
  static final class RecordingContext implements MergeContext<IntervalWindow> {
    final List<IntervalWindow> windows;
    final Map<IntervalWindow, Set<IntervalWindow>> merges = new TreeMap<>();

    RecordingContext(List<IntervalWindow> windows) {
      this.windows = windows;
    }

    @Override
    public Collection<IntervalWindow> windows() {
      return windows;
    }

    @Override
    public void merge(Collection<IntervalWindow> toBeMerged, IntervalWindow mergeResult) {
      merges.put(mergeResult, new HashSet<>(toBeMerged));
    }

    /** The windows after applying the merges. */
    List<IntervalWindow> result() {
      Set<IntervalWindow> result = new HashSet<>(windows);
      merges.forEach(
          (into, from) -> {
            result.removeAll(from);
            result.add(into);
          });
      return result.stream().sorted().toList();
    }
  }

  private static List<IntervalWindow> sessionsOf(long... timestamps) {
    List<IntervalWindow> windows = new ArrayList<>();
    for (long ts : timestamps) {
      windows.addAll(GAP_10.assignWindows(ts));
    }
    RecordingContext c = new RecordingContext(windows);
    GAP_10.mergeWindows(c);
    return c.result();
  }

  private static IntervalWindow w(long start, long end) {
    return new IntervalWindow(start, end);
  }

  static Stream<Arguments> merges() {
    return Stream.of(
        Arguments.of(new long[] {0}, List.of(w(0, 10))),
        Arguments.of(new long[] {0, 5}, List.of(w(0, 15))),
        Arguments.of(new long[] {5, 0}, List.of(w(0, 15))),
        Arguments.of(new long[] {0, 10}, List.of(w(0, 10), w(10, 20))), // touching: no merge
        Arguments.of(new long[] {0, 9}, List.of(w(0, 19))),
        Arguments.of(new long[] {0, 8, 16, 24}, List.of(w(0, 34))), // a chain
        Arguments.of(new long[] {24, 0, 16, 8}, List.of(w(0, 34))), // chain, any order
        Arguments.of(new long[] {0, 5, 30, 35, 100}, List.of(w(0, 15), w(30, 45), w(100, 110))),
        Arguments.of(new long[] {-15, -8, -1}, List.of(w(-15, 9))),
        Arguments.of(new long[] {3, 3}, List.of(w(3, 13))));
  }

  @Test
  void duplicateWindowsAreNotMergedIntoThemselves() {
    RecordingContext c = new RecordingContext(List.of(w(3, 13), w(3, 13)));
    GAP_10.mergeWindows(c);
    assertThat(c.merges).isEmpty();
  }

  @ParameterizedTest(name = "{index}: {1}")
  @MethodSource("merges")
  void overlappingProtoSessionsMergeIntoTheirSpan(long[] timestamps, List<IntervalWindow> expected) {
    assertThat(sessionsOf(timestamps)).containsExactlyElementsOf(expected);
  }

  @Test
  void mergesAnAlreadyMergedSessionWithANewElement() {
    RecordingContext c = new RecordingContext(List.of(w(0, 25), w(20, 30), w(40, 50)));
    GAP_10.mergeWindows(c);
    assertThat(c.merges).containsOnlyKeys(w(0, 30));
    assertThat(c.merges.get(w(0, 30))).containsExactlyInAnyOrder(w(0, 25), w(20, 30));
  }

  @Test
  void noMergeCallsWhenNothingOverlaps() {
    RecordingContext c = new RecordingContext(List.of(w(0, 10), w(10, 20), w(50, 60)));
    GAP_10.mergeWindows(c);
    assertThat(c.merges).isEmpty();
  }

  @Test
  void assignsProtoSessionAndIsMerging() {
    assertThat(GAP_10.assignWindows(-4)).containsExactly(w(-4, 6));
    assertThat(GAP_10.isMerging()).isTrue();
    assertThat(GAP_10.isCompatible(Sessions.withGapDuration(Duration.ofMinutes(1)))).isTrue();
    assertThat(GAP_10.isCompatible(FixedWindows.of(Duration.ofMillis(10)))).isFalse();
  }

  @Test
  void cannotBeASideInput() {
    assertThatThrownBy(() -> GAP_10.sideInputWindow(w(0, 10)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("Sessions cannot be used as side inputs");
  }

  @Test
  void rejectsNonPositiveGap() {
    assertThatThrownBy(() -> Sessions.withGapDuration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive gap");
  }
}
