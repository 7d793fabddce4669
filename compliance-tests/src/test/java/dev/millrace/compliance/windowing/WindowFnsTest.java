package dev.millrace.compliance.windowing;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.WindowFn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in window function through a bounded pipeline: elements (timestamps in
 * milliseconds, value = timestamp in seconds when whole) are windowed, grouped by key, and each
 * group is rendered as {@code "key=[values] [start,end)"} with window bounds in seconds.
 */
class WindowFnsTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /**
   * One row.
   *
   * @param name what it checks
   * @param fn the window function
   * @param elements "key@millis" pairs; the value is the timestamp in millis
   * @param expected every group, rendered
   */
  record Case(String name, WindowFn<?> fn, List<String> elements, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Renders "key=[values] window". */
  static final class RenderGroup extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      List<Long> values = new ArrayList<>();
      c.element().getValue().forEach(values::add);
      Collections.sort(values);
      c.output(c.element().getKey() + "=" + values + " " + Panes.window(c.window()));
    }
  }

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private static List<String> els(String... keyAtMillis) {
    return List.of(keyAtMillis);
  }

  static Stream<Case> nonMerging() {
    return Stream.of(
        new Case("global: everything in one window", GlobalWindows.of(),
            els("k@0", "k@100000", "k@-50000"), List.of("k=[-50000, 0, 100000] GW")),
        new Case("fixed: the end is exclusive", FixedWindows.of(s(60)),
            els("k@0", "k@59999", "k@60000"),
            List.of("k=[0, 59999] [0,60)", "k=[60000] [60,120)")),
        new Case("fixed: negative timestamps", FixedWindows.of(s(60)),
            els("k@-1", "k@-60000", "k@-60001"),
            List.of("k=[-60000, -1] [-60,0)", "k=[-60001] [-120,-60)")),
        new Case("fixed with an offset", FixedWindows.of(s(60)).withOffset(s(15)),
            els("k@10000", "k@15000", "k@74999", "k@75000"),
            List.of("k=[10000] [-45,15)", "k=[15000, 74999] [15,75)", "k=[75000] [75,135)")),
        new Case("fixed: keys group separately", FixedWindows.of(s(60)),
            els("a@1000", "b@2000", "a@3000"),
            List.of("a=[1000, 3000] [0,60)", "b=[2000] [0,60)")),
        new Case("sliding: an element is in size/period windows",
            SlidingWindows.of(s(60)).every(s(20)),
            els("k@30000", "k@50000"),
            List.of("k=[30000] [-20,40)", "k=[30000, 50000] [0,60)",
                "k=[30000, 50000] [20,80)", "k=[50000] [40,100)")),
        new Case("sliding with gaps: elements between windows are in none",
            SlidingWindows.of(s(30)).every(s(60)),
            els("k@10000", "k@45000", "k@70000"),
            List.of("k=[10000] [0,30)", "k=[70000] [60,90)")),
        new Case("sliding with an offset", SlidingWindows.of(s(60)).every(s(30)).withOffset(s(10)),
            els("k@45000"), List.of("k=[45000] [10,70)", "k=[45000] [40,100)")),
        new Case("sliding where period equals size behaves as fixed",
            SlidingWindows.of(s(60)).every(s(60)),
            els("k@0", "k@60000"), List.of("k=[0] [0,60)", "k=[60000] [60,120)")));
  }

  static Stream<Case> merging() {
    return Stream.of(
        new Case("sessions: elements within the gap merge", Sessions.withGapDuration(s(60)),
            els("a@0", "a@30000", "a@120000", "b@30000"),
            List.of("a=[0, 30000] [0,90)", "a=[120000] [120,180)", "b=[30000] [30,90)")),
        new Case("sessions: windows that only touch do not merge",
            Sessions.withGapDuration(s(60)),
            els("k@0", "k@60000"), List.of("k=[0] [0,60)", "k=[60000] [60,120)")),
        new Case("sessions: a chain of elements merges transitively",
            Sessions.withGapDuration(s(10)),
            els("k@0", "k@9000", "k@18000", "k@27000", "k@50000"),
            List.of("k=[0, 9000, 18000, 27000] [0,37)", "k=[50000] [50,60)")),
        new Case("sessions: a middle element bridges two sessions",
            Sessions.withGapDuration(s(60)),
            els("k@0", "k@100000", "k@50000"), List.of("k=[0, 50000, 100000] [0,160)")),
        new Case("sessions: out-of-order elements", Sessions.withGapDuration(s(60)),
            els("k@200000", "k@0", "k@230000", "k@40000"),
            List.of("k=[0, 40000] [0,100)", "k=[200000, 230000] [200,290)")));
  }

  private PCollection<String> run(Case c) {
    List<TimestampedValue<KV<String, Long>>> values = new ArrayList<>();
    for (String e : c.elements()) {
      String[] parts = e.split("@");
      long millis = Long.parseLong(parts[1]);
      values.add(TimestampedValue.of(KV.of(parts[0], millis), Instant.ofEpochMilli(millis)));
    }
    return p.apply(Create.timestamped(values)
            .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply(Window.into(c.fn()))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new RenderGroup()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonMerging")
  void nonMergingWindows(Case c) {
    PAssert.that(run(c)).containsInAnyOrder(c.expected());
    p.run();
  }

  @Requires(Capability.MERGING_WINDOWS)
  @ParameterizedTest(name = "{0}")
  @MethodSource("merging")
  void mergingWindows(Case c) {
    PAssert.that(run(c)).containsInAnyOrder(c.expected());
    p.run();
  }
}
