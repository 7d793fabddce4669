package dev.millrace.compliance.windowing;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.MergeContext;
import dev.millrace.windowing.MergeOverlappingIntervalWindows;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.WindowFn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** User-defined window functions through the public WindowFn API: non-merging and merging. */
class CustomWindowFnTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /**
   * Each element goes into the ten-second window containing it and the next one; elements before
   * the epoch go into no window at all (and so disappear).
   */
  record TwoTenSecondWindows() implements WindowFn<IntervalWindow> {
    @Override
    public Collection<IntervalWindow> assignWindows(long ts) {
      if (ts < 0) {
        return List.of();
      }
      long start = Math.floorDiv(ts, 10_000) * 10_000;
      return List.of(new IntervalWindow(start, start + 10_000),
          new IntervalWindow(start + 10_000, start + 20_000));
    }

    @Override
    public StateCodec<IntervalWindow> windowCodec() {
      return StateCodecs.intervalWindows();
    }
  }

  /** One-second windows that merge, per key, into a single window spanning all of them. */
  record SpanAll() implements WindowFn<IntervalWindow> {
    @Override
    public Collection<IntervalWindow> assignWindows(long ts) {
      return List.of(new IntervalWindow(ts, ts + 1000));
    }

    @Override
    public boolean isMerging() {
      return true;
    }

    @Override
    public void mergeWindows(MergeContext<IntervalWindow> c) {
      List<IntervalWindow> all = new ArrayList<>(c.windows());
      if (all.size() < 2) {
        return;
      }
      IntervalWindow span = all.get(0);
      for (IntervalWindow w : all) {
        span = span.span(w);
      }
      c.merge(all, span);
    }

    @Override
    public StateCodec<IntervalWindow> windowCodec() {
      return StateCodecs.intervalWindows();
    }
  }

  /** Five-second proto-windows merged with the ready-made overlap policy (sessions, by hand). */
  record FiveSecondSessions() implements WindowFn<IntervalWindow> {
    @Override
    public Collection<IntervalWindow> assignWindows(long ts) {
      return List.of(new IntervalWindow(ts, ts + 5000));
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

  private PCollection<String> group(WindowFn<?> fn, String... keyAtMillis) {
    List<TimestampedValue<KV<String, Long>>> values = new ArrayList<>();
    for (String e : keyAtMillis) {
      String[] parts = e.split("@");
      long millis = Long.parseLong(parts[1]);
      values.add(TimestampedValue.of(KV.of(parts[0], millis), Instant.ofEpochMilli(millis)));
    }
    return p.apply(Create.timestamped(values)
            .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply(Window.into(fn))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new WindowFnsTest.RenderGroup()));
  }

  @Test
  void aNonMergingFnMayAssignSeveralWindowsOrNone() {
    PAssert.that(group(new TwoTenSecondWindows(), "k@3000", "k@12000", "k@-5000"))
        .containsInAnyOrder("k=[3000] [0,10)", "k=[3000, 12000] [10,20)", "k=[12000] [20,30)");
    p.run();
  }

  @Requires(Capability.MERGING_WINDOWS)
  @Test
  void aMergingFnMergesEachKeysWindowsItsOwnWay() {
    PAssert.that(group(new SpanAll(), "a@0", "a@100000", "a@50000", "b@7000"))
        .containsInAnyOrder("a=[0, 50000, 100000] [0,101)", "b=[7000] [7,8)");
    p.run();
  }

  @Requires(Capability.MERGING_WINDOWS)
  @Test
  void theOverlapPolicyMergesOverlappingWindowsOnly() {
    PAssert.that(group(new FiveSecondSessions(), "k@0", "k@4000", "k@8000", "k@13000", "k@20000"))
        .containsInAnyOrder("k=[0, 4000, 8000] [0,13)", "k=[13000] [13,18)", "k=[20000] [20,25)");
    p.run();
  }
}
