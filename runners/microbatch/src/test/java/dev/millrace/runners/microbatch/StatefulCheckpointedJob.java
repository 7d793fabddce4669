package dev.millrace.runners.microbatch;

import dev.millrace.Pipeline;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.io.TextIO;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.transforms.state.BagState;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.IntervalWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateful job the kill-and-restart test runs in a child JVM: numbers 0..N-1 keyed by
 * {@code i % 20} at timestamp {@code i} seconds, in one-minute windows, through {@link
 * BufferAndFlush} (bag and value state, a processing-time timer, an event-time timer, a timer
 * family and onWindowExpiration), written with TextIO. Its output does not depend on how the
 * input is cut into batches or when processing-time timers fire, so every complete run, however
 * often interrupted, must write the same lines.
 *
 * <p>Arguments: {@code N OUTPUT_PREFIX SLEEP_MILLIS FLAGS...} (flags for the runner).
 */
public final class StatefulCheckpointedJob {
  private StatefulCheckpointedJob() {}

  /**
   * Buffers each key's values per window and flushes them one line each from a processing-time
   * timer (or at window expiry, whatever is left); reports count and sum from an event-time
   * timer half a second before the window's end, which sets a family timer at the window's last
   * millisecond that echoes the count.
   */
  static final class BufferAndFlush extends DoFn<KV<String, Long>, String> {
    private final StateSpec<BagState<Long>> buffer = StateSpecs.bag(VarLongCoder.of());
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
    private final StateSpec<ValueState<Long>> sum = StateSpecs.value(VarLongCoder.of());
    private final TimerSpec flush = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);
    private final TimerSpec report = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec echo = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      long v = c.element().getValue();
      c.state(buffer).add(v);
      increment(c.state(count), 1);
      increment(c.state(sum), v);
      c.timer(flush).offset(Duration.ofMillis(1)).setRelative();
      c.timer(report).set(((IntervalWindow) c.window()).end().minusMillis(500));
    }

    private static void increment(ValueState<Long> cell, long by) {
      Long old = cell.read();
      cell.write(old == null ? by : old + by);
    }

    @Override
    public void onTimer(OnTimerContext c) {
      String where = c.key() + " " + c.window();
      if (c.timerSpec() == flush) {
        drain(c.state(buffer), where, c::output);
      } else if (c.timerSpec() == report) {
        long n = c.state(count).read();
        c.output(where + " count=" + n + " sum=" + c.state(sum).read());
        c.timerFamily(echo).get("n" + n).set(Instant.ofEpochMilli(c.window().maxTimestampMillis()));
      } else {
        c.output(where + " echo " + c.timerFamilyId() + "/" + c.timerId());
      }
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      String where = c.key() + " " + c.window();
      drain(c.state(buffer), where, c::output);
      c.output(where + " expired");
    }

    private static void drain(BagState<Long> bag, String where,
        java.util.function.Consumer<String> out) {
      for (long v : bag.read()) {
        out.accept(where + " value " + v);
      }
      bag.clear();
    }
  }

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    String output = args[1];
    long sleep = Long.parseLong(args[2]);
    String[] flags = java.util.Arrays.copyOfRange(args, 3, args.length);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(flags).create());
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      numbers.add(i);
    }
    p.apply(Create.of(numbers))
        .apply("KeyAndStamp", ParDo.of(new DoFn<Integer, KV<String, Long>>() {
          @Override
          public void processElement(ProcessContext c) throws Exception {
            if (sleep > 0) {
              Thread.sleep(sleep);
            }
            int i = c.element();
            c.outputWithTimestamp(KV.of("k" + (i % 20), (long) i), Instant.ofEpochSecond(i));
          }
        }))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply("BufferAndFlush", ParDo.of(new BufferAndFlush()))
        .apply("Rewindow", Window.into(GlobalWindows.of()))
        .apply(TextIO.write().to(output).withNumShards(3));
    p.run().waitUntilFinish();
  }
}
