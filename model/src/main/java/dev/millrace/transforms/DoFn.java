package dev.millrace.transforms;

import dev.millrace.internal.TypeTokens;
import dev.millrace.options.PipelineOptions;
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
  }

  /**
   * How far before the input's timestamp {@code outputWithTimestamp} may go; zero by default, as
   * in Beam. Moving timestamps backwards can make elements late.
   */
  public java.time.Duration getAllowedTimestampSkew() {
    return java.time.Duration.ZERO;
  }
}
