package dev.millrace.runners.core.state;

import dev.millrace.options.PipelineOptions;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.state.State;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.Timer;
import dev.millrace.transforms.state.TimerMap;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.values.KV;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.Timestamps;
import java.time.Instant;

/**
 * The three reusable contexts a {@link StatefulDoFnRunner} passes to the DoFn: for
 * {@code processElement}, {@code onTimer} and {@code onWindowExpiration}. They read the runner's
 * current invocation (key, window, element or timer).
 */
final class StatefulContexts<K, V, O> {
  final Process process;
  final OnTimer timer;
  final Expiry expiry;
  private final StatefulDoFnRunner<K, V, O> r;

  StatefulContexts(StatefulDoFnRunner<K, V, O> runner) {
    this.r = runner;
    this.process = new Process(runner.fn);
    this.timer = new OnTimer(runner.fn);
    this.expiry = new Expiry(runner.fn);
  }

  private TimerMap family(TimerSpec spec) {
    r.timer(spec, "probe"); // validates that the spec is a declared family
    return new TimerMap() {
      @Override
      public void set(String timerId, Instant absoluteTime) {
        get(timerId).set(absoluteTime);
      }

      @Override
      public Timer get(String timerId) {
        if (timerId == null) {
          throw new IllegalArgumentException("a timer family needs a non-null timer id");
        }
        return r.timer(spec, timerId);
      }
    };
  }

  final class Process extends DoFn<KV<K, V>, O>.ProcessContext {
    Process(DoFn<KV<K, V>, O> fn) {
      fn.super();
    }

    @Override
    public PipelineOptions getPipelineOptions() {
      return r.options;
    }

    @Override
    public KV<K, V> element() {
      return r.element.value();
    }

    @Override
    public Instant timestamp() {
      return Instant.ofEpochMilli(r.element.timestamp());
    }

    @Override
    public BoundedWindow window() {
      return r.window;
    }

    @Override
    public PaneInfo pane() {
      return r.element.pane();
    }

    @Override
    public void output(O output) {
      r.emit(r.mainTag(), output, r.element.timestamp(), r.element.pane());
    }

    @Override
    public void outputWithTimestamp(O output, Instant timestamp) {
      long ts = r.checkTimestamp(Timestamps.toMillis(timestamp), r.element.timestamp());
      r.emit(r.mainTag(), output, ts, r.element.pane());
    }

    @Override
    public <T> void output(TupleTag<T> tag, T output) {
      r.checkTag(tag);
      r.emit(tag, output, r.element.timestamp(), r.element.pane());
    }

    @Override
    public <T> void outputWithTimestamp(TupleTag<T> tag, T output, Instant timestamp) {
      r.checkTag(tag);
      long ts = r.checkTimestamp(Timestamps.toMillis(timestamp), r.element.timestamp());
      r.emit(tag, output, ts, r.element.pane());
    }

    @Override
    public <T> T sideInput(PCollectionView<T> view) {
      throw new UnsupportedOperationException("side inputs are not supported in stateful "
          + "DoFns yet (step '" + r.stepName + "')");
    }

    @Override
    public <S extends State> S state(StateSpec<S> spec) {
      return r.state(spec);
    }

    @Override
    public Timer timer(TimerSpec spec) {
      return r.timer(spec, null);
    }

    @Override
    public TimerMap timerFamily(TimerSpec spec) {
      return family(spec);
    }
  }

  final class OnTimer extends DoFn<KV<K, V>, O>.OnTimerContext {
    OnTimer(DoFn<KV<K, V>, O> fn) {
      fn.super();
    }

    private long outputTimestamp() {
      long ts = r.firing.data().outputTimestamp();
      if (ts == TimerBook.NO_OUTPUT) {
        throw new IllegalStateException("timer '" + r.firing.timerId() + "' was set "
            + "withNoOutputTimestamp(), so its onTimer may not output; set an output timestamp "
            + "with withOutputTimestamp(...) or leave the default");
      }
      return ts;
    }

    @Override
    public PipelineOptions getPipelineOptions() {
      return r.options;
    }

    @Override
    public Instant timestamp() {
      return Instant.ofEpochMilli(r.inputTimestamp);
    }

    @Override
    public Instant fireTimestamp() {
      return Instant.ofEpochMilli(r.firing.data().timestamp());
    }

    @Override
    public BoundedWindow window() {
      return r.window;
    }

    @Override
    public TimeDomain timeDomain() {
      return TimeDomain.valueOf(r.firing.data().domain().name());
    }

    @Override
    public String timerId() {
      return r.firing.timerId();
    }

    @Override
    public String timerFamilyId() {
      return r.firing.familyId();
    }

    @Override
    public TimerSpec timerSpec() {
      return r.firing.spec();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K2> K2 key() {
      return (K2) r.key;
    }

    @Override
    public void output(O output) {
      r.emit(r.mainTag(), output, outputTimestamp(), PaneInfo.NO_FIRING);
    }

    @Override
    public void outputWithTimestamp(O output, Instant timestamp) {
      long ts = r.checkTimestamp(Timestamps.toMillis(timestamp), outputTimestamp());
      r.emit(r.mainTag(), output, ts, PaneInfo.NO_FIRING);
    }

    @Override
    public <T> void output(TupleTag<T> tag, T output) {
      r.checkTag(tag);
      r.emit(tag, output, outputTimestamp(), PaneInfo.NO_FIRING);
    }

    @Override
    public <T> void outputWithTimestamp(TupleTag<T> tag, T output, Instant timestamp) {
      r.checkTag(tag);
      long ts = r.checkTimestamp(Timestamps.toMillis(timestamp), outputTimestamp());
      r.emit(tag, output, ts, PaneInfo.NO_FIRING);
    }

    @Override
    public <S extends State> S state(StateSpec<S> spec) {
      return r.state(spec);
    }

    @Override
    public Timer timer(TimerSpec spec) {
      return r.timer(spec, null);
    }

    @Override
    public TimerMap timerFamily(TimerSpec spec) {
      return family(spec);
    }
  }

  final class Expiry extends DoFn<KV<K, V>, O>.OnWindowExpirationContext {
    Expiry(DoFn<KV<K, V>, O> fn) {
      fn.super();
    }

    @Override
    public PipelineOptions getPipelineOptions() {
      return r.options;
    }

    @Override
    public BoundedWindow window() {
      return r.window;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K2> K2 key() {
      return (K2) r.key;
    }

    @Override
    public void output(O output) {
      r.emit(r.mainTag(), output, r.window.maxTimestampMillis(), PaneInfo.NO_FIRING);
    }

    @Override
    public void outputWithTimestamp(O output, Instant timestamp) {
      long ts = Timestamps.toMillis(timestamp);
      if (ts > r.window.maxTimestampMillis()) {
        throw new IllegalArgumentException("onWindowExpiration may only output within the "
            + "expiring window " + r.window + ", got " + timestamp);
      }
      r.emit(r.mainTag(), output, ts, PaneInfo.NO_FIRING);
    }

    @Override
    public <T> void output(TupleTag<T> tag, T output) {
      r.checkTag(tag);
      r.emit(tag, output, r.window.maxTimestampMillis(), PaneInfo.NO_FIRING);
    }

    @Override
    public <S extends State> S state(StateSpec<S> spec) {
      return r.state(spec);
    }
  }
}
