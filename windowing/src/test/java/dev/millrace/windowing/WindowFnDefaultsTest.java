package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowFnDefaultsTest {

  /** A user-defined window function: windows [t - t%100, +100) and [t - t%100 + 50, +100). */
  record TwoWindows() implements WindowFn<IntervalWindow> {
    @Override
    public Collection<IntervalWindow> assignWindows(long ts) {
      long start = Math.floorDiv(ts, 100) * 100;
      return List.of(new IntervalWindow(start, start + 100), new IntervalWindow(start - 50, start + 50));
    }

    @Override
    public StateCodec<IntervalWindow> windowCodec() {
      return StateCodecs.intervalWindows();
    }
  }

  /** A user-defined merging function reusing the overlap policy. */
  record CustomSessions() implements WindowFn<IntervalWindow> {
    @Override
    public Collection<IntervalWindow> assignWindows(long ts) {
      return List.of(new IntervalWindow(ts, ts + 5));
    }

    @Override
    public boolean isMerging() {
      return true;
    }

    @Override
    public void mergeWindows(MergeContext<IntervalWindow> c) {
      MergeOverlappingIntervalWindows.mergeWindows(c);
    }

    @Override
    public StateCodec<IntervalWindow> windowCodec() {
      return StateCodecs.intervalWindows();
    }
  }

  @Test
  void globalWindowsAssignTheGlobalWindowAndMapEverySideInputToIt() {
    GlobalWindows fn = GlobalWindows.of();
    assertThat(fn.assignWindows(-5)).containsExactly(GlobalWindow.INSTANCE);
    assertThat(fn.assignWindows(Timestamps.MIN)).containsExactly(GlobalWindow.INSTANCE);
    assertThat(fn.sideInputWindow(new IntervalWindow(0, 10))).isSameAs(GlobalWindow.INSTANCE);
    assertThat(fn.sideInputWindow(GlobalWindow.INSTANCE)).isSameAs(GlobalWindow.INSTANCE);
    assertThat(fn.isMerging()).isFalse();
    assertThat(fn.isCompatible(GlobalWindows.of())).isTrue();
  }

  @Test
  void defaultsOfAUserWindowFn() {
    TwoWindows fn = new TwoWindows();
    assertThat(fn.isMerging()).isFalse();
    assertThat(fn.isCompatible(new TwoWindows())).isTrue();
    assertThat(fn.isCompatible(GlobalWindows.of())).isFalse();
    assertThat(fn.assignOutputTime(42, new IntervalWindow(0, 100))).isEqualTo(42);
    // The latest-starting window containing the main window's max timestamp 129.
    assertThat(fn.sideInputWindow(new IntervalWindow(0, 130))).isEqualTo(new IntervalWindow(100, 200));
  }

  @Test
  void userMergingFnCannotBeASideInput() {
    CustomSessions fn = new CustomSessions();
    assertThatThrownBy(() -> fn.sideInputWindow(new IntervalWindow(0, 10)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("cannot window a side input");
  }

  @Test
  void userMergingFnMergesWithTheSharedPolicy() {
    SessionsTest.RecordingContext c =
        new SessionsTest.RecordingContext(
            List.of(new IntervalWindow(0, 5), new IntervalWindow(4, 9), new IntervalWindow(20, 25)));
    new CustomSessions().mergeWindows(c);
    assertThat(c.result()).containsExactly(new IntervalWindow(0, 9), new IntervalWindow(20, 25));
  }
}
