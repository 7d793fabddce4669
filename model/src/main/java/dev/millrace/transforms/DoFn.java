package dev.millrace.transforms;

import dev.millrace.internal.TypeTokens;
import dev.millrace.options.PipelineOptions;
import dev.millrace.transforms.state.State;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.Timer;
import dev.millrace.transforms.state.TimerMap;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TupleTag;
import dev.millrace.values.TypeDescriptor;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.time.Instant;

/**
 * The user function of a {@link ParDo}: called once per element, it may output any number of
 * elements to the main output and to additional outputs, read side inputs, and (in stateful
 * DoFns) use per-key state and timers.
 *
 * <p>A DoFn is an abstract class with plain overridable lifecycle methods — no annotations, no
 * reflection per element. Runners call, on each deserialised instance: {@link #setup} once; then
 * for every bundle of elements {@link #startBundle}, {@link #processElement} per element and
 * {@link #finishBundle}; and {@link #teardown} before discarding the instance (best effort).
 * Instances are never called from two threads at once.
 *
 * <pre>{@code
 * class ExtractWords extends DoFn<String, String> {
 *   public void processElement(ProcessContext c) {
 *     for (String w : c.element().split("[^\\p{L}]+")) {
 *       if (!w.isEmpty()) c.output(w);
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>A DoFn must be {@link Serializable}: runners ship it to workers. Keep non-serialisable
 * resources (clients, connections) in transient fields initialised in {@link #setup}. Do not
 * mutate the input element or an element after outputting it; the direct runner checks.
 *
 * @param <InputT> the input element type
 * @param <OutputT> the main output element type
 */
public abstract class DoFn<InputT, OutputT> implements Serializable {

  /** Called once per instance before any bundle. */
  public void setup() throws Exception {}

  /** Called at the start of each bundle. */
  public void startBundle(StartBundleContext c) throws Exception {}

  /** Called for each element. */
  public abstract void processElement(ProcessContext c) throws Exception;

  /**
   * Called when a timer the DoFn declared fires (stateful DoFns only), with the timer's key and
   * window: {@code c.timerId()} / {@code c.timerSpec()} say which timer. It may read and write
   * state, set timers and output (at the timer's output timestamp). A DoFn that declares a
   * {@link TimerSpec} must override it.
   */
  public void onTimer(OnTimerContext c) throws Exception {}

  /**
   * Called once per key and window that has state, when the window expires (the watermark passes
   * its end plus the allowed lateness), just before that state is garbage-collected: the last
   * chance to read it and output (stateful DoFns only). Does nothing by default.
   */
  public void onWindowExpiration(OnWindowExpirationContext c) throws Exception {}

  /** Called at the end of each bundle; may output elements with an explicit timestamp/window. */
  public void finishBundle(FinishBundleContext c) throws Exception {}

  /** Called once before the instance is discarded (best effort). */
  public void teardown() throws Exception {}

  /**
   * The input element type, used to check the input's coder; by default read from the DoFn's
   * generic superclass, null when erased.
   */
  public TypeDescriptor<InputT> getInputTypeDescriptor() {
    return typeArg(0);
  }

  /**
   * The main output element type, used to infer the output coder; by default read from the DoFn's
   * generic superclass, null when erased.
   */
  public TypeDescriptor<OutputT> getOutputTypeDescriptor() {
    return typeArg(1);
  }

  @SuppressWarnings("unchecked")
  private <T> TypeDescriptor<T> typeArg(int index) {
    Type t = TypeTokens.typeArgument(this, DoFn.class, index);
    return t == null ? null : (TypeDescriptor<T>) TypeDescriptor.of(t);
  }

  /**
   * What every context offers. Contexts are inner classes so that element and output types are
   * the DoFn's own; runners create them with {@code fn.super()}.
   */
  public abstract class BaseContext {
    /** The options the pipeline runs with. */
    public abstract PipelineOptions getPipelineOptions();
  }

  /** The context of {@link #startBundle}. */
  public abstract class StartBundleContext extends BaseContext {}

  /** The context of {@link #finishBundle}: outputs need an explicit timestamp and window. */
  public abstract class FinishBundleContext extends BaseContext {
    /** Outputs to the main output. */
    public abstract void output(OutputT output, Instant timestamp, BoundedWindow window);

    /** Outputs to an additional output. */
    public abstract <T> void output(
        TupleTag<T> tag, T output, Instant timestamp, BoundedWindow window);
  }

  /** The context of {@link #processElement}: the element and everything around it. */
  public abstract class ProcessContext extends BaseContext {
    /** The element; do not mutate it. */
    public abstract InputT element();

    /** The element's event timestamp. */
    public abstract Instant timestamp();

    /** The window the element is being processed in (one call per window). */
    public abstract BoundedWindow window();

    /** The pane that produced the element (NO_FIRING before any grouping). */
    public abstract PaneInfo pane();

    /** Outputs to the main output at the input's timestamp and window. */
    public abstract void output(OutputT output);

    /**
     * Outputs to the main output at another timestamp, in the input's window. The timestamp may
     * not be earlier than the input's minus {@link DoFn#getAllowedTimestampSkew()} (a clear error
     * says so).
     */
    public abstract void outputWithTimestamp(OutputT output, Instant timestamp);

    /** Outputs to an additional output. */
    public abstract <T> void output(TupleTag<T> tag, T output);

    /** Outputs to an additional output at another timestamp. */
    public abstract <T> void outputWithTimestamp(TupleTag<T> tag, T output, Instant timestamp);

    /** Reads a side input in the window matching the element's window. */
    public abstract <T> T sideInput(PCollectionView<T> view);

    /**
     * The state cell {@code spec} (a {@link StateSpec} field of this DoFn) of the element's key
     * and window. Only in stateful DoFns.
     */
    public <S extends State> S state(StateSpec<S> spec) {
      throw noStateSupport();
    }

    /** The timer {@code spec} (a {@link TimerSpec} field) of the element's key and window. */
    public Timer timer(TimerSpec spec) {
      throw noStateSupport();
    }

    /** The timer family {@code spec} (a {@code timerFamily} field) of the key and window. */
    public TimerMap timerFamily(TimerSpec spec) {
      throw noStateSupport();
    }
  }

  /**
   * The context of {@link #onTimer}: which timer fired, for which key and window, and access to
   * state, timers and outputs. Outputs are in the timer's window, at its output timestamp.
   */
  public abstract class OnTimerContext extends BaseContext {
    /** The timer's output timestamp: the timestamp of outputs. */
    public abstract Instant timestamp();

    /** The time the timer was set for. */
    public abstract Instant fireTimestamp();

    /** The window of the timer. */
    public abstract BoundedWindow window();

    /** The domain of the timer. */
    public abstract TimeDomain timeDomain();

    /** The id of the timer: its field name, or the dynamic id within a timer family. */
    public abstract String timerId();

    /** The family's field name for a timer of a family; the empty string otherwise. */
    public abstract String timerFamilyId();

    /** The spec (field value) of the timer or timer family that fired. */
    public abstract TimerSpec timerSpec();

    /** The key the timer belongs to. */
    public abstract <K> K key();

    /** Outputs to the main output at the timer's output timestamp. */
    public abstract void output(OutputT output);

    /** Outputs to the main output at another timestamp (not before the output timestamp). */
    public abstract void outputWithTimestamp(OutputT output, Instant timestamp);

    /** Outputs to an additional output. */
    public abstract <T> void output(TupleTag<T> tag, T output);

    /** Outputs to an additional output at another timestamp. */
    public abstract <T> void outputWithTimestamp(TupleTag<T> tag, T output, Instant timestamp);

    /** The state cell {@code spec} of the timer's key and window. */
    public abstract <S extends State> S state(StateSpec<S> spec);

    /** The timer {@code spec} of the timer's key and window. */
    public abstract Timer timer(TimerSpec spec);

    /** The timer family {@code spec} of the timer's key and window. */
    public abstract TimerMap timerFamily(TimerSpec spec);
  }

  /**
   * The context of {@link #onWindowExpiration}: the expiring window, its key and state. Outputs
   * are in that window, at its maximum timestamp by default.
   */
  public abstract class OnWindowExpirationContext extends BaseContext {
    /** The expiring window. */
    public abstract BoundedWindow window();

    /** The key whose state expires. */
    public abstract <K> K key();

    /** Outputs to the main output at the window's maximum timestamp. */
    public abstract void output(OutputT output);

    /** Outputs to the main output at another timestamp within the window. */
    public abstract void outputWithTimestamp(OutputT output, Instant timestamp);

    /** Outputs to an additional output at the window's maximum timestamp. */
    public abstract <T> void output(TupleTag<T> tag, T output);

    /** The state cell {@code spec} of the key and the expiring window. */
    public abstract <S extends State> S state(StateSpec<S> spec);
  }

  private UnsupportedOperationException noStateSupport() {
    return new UnsupportedOperationException(
        "DoFn " + getClass().getName() + " uses state or timers, but it is being run as a "
            + "stateless DoFn: the runner does not support stateful processing (direct runner "
            + "does), or the DoFn is not applied through ParDo with its StateSpec/TimerSpec "
            + "declared as fields.");
  }

  /**
   * How far before the input's timestamp {@code outputWithTimestamp} may go; zero by default, as
   * in Beam. Moving timestamps backwards can make elements late.
   */
  public java.time.Duration getAllowedTimestampSkew() {
    return java.time.Duration.ZERO;
  }
}
