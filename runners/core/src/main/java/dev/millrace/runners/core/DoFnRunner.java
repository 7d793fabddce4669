package dev.millrace.runners.core;

import dev.millrace.metrics.MetricsContainer;
import dev.millrace.metrics.MetricsEnvironment;
import dev.millrace.options.PipelineOptions;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.time.Instant;
import java.util.List;

/**
 * Runs one DoFn instance: bundle lifecycle, one {@code processElement} call per element and
 * window through a reused context object (no reflection), outputs to an {@link OutputManager},
 * side inputs through a {@link SideInputReader}, metrics to the step's container. Exceptions from
 * user code come out as {@link UserCodeException}s naming the step and the element.
 *
 * <p>Not thread-safe: one runner per thread.
 *
 * @param <I> the input type
 * @param <O> the main output type
 */
public final class DoFnRunner<I, O> {
  private final String stepName;
  private final DoFn<I, O> fn;
  private final PipelineOptions options;
  private final TupleTag<O> mainTag;
  private final List<TupleTag<?>> additionalTags;
  private final OutputManager outputs;
  /** {@link #outputs} when it takes values with shared metadata, else null. */
  private final ValueOutputManager valueOutputs;
  private final SideInputReader sideInputs;
  private final MetricsContainer metrics;
  private final MetricsEnvironment.Holder metricsHolder;
  private final long allowedSkewMillis;
  private final ProcessCtx processContext;
  private final FinishCtx finishContext;
  private final StartCtx startContext;
  /** The metadata (timestamp, windows, pane) of the element being processed. */
  private WindowedValue<?> current;
  private I currentValue;
  private BoundedWindow currentWindow;

  public DoFnRunner(
      String stepName,
      DoFn<I, O> fn,
      PipelineOptions options,
      TupleTag<O> mainTag,
      List<TupleTag<?>> additionalTags,
      OutputManager outputs,
      SideInputReader sideInputs,
      MetricsContainer metrics) {
    this.stepName = stepName;
    this.fn = fn;
    this.options = options;
    this.mainTag = mainTag;
    this.additionalTags = additionalTags;
    this.outputs = outputs;
    this.valueOutputs = outputs instanceof ValueOutputManager v ? v : null;
    this.sideInputs = sideInputs;
    this.metrics = metrics;
    this.metricsHolder = MetricsEnvironment.holder();
    java.time.Duration skew = fn.getAllowedTimestampSkew();
    this.allowedSkewMillis = skew.compareTo(java.time.Duration.ofMillis(Long.MAX_VALUE / 4)) > 0
        ? Long.MAX_VALUE / 4 : skew.toMillis();
    this.processContext = new ProcessCtx(fn);
    this.finishContext = new FinishCtx(fn);
    this.startContext = new StartCtx(fn);
  }

  public DoFn<I, O> getFn() {
    return fn;
  }

  public String getStepName() {
    return stepName;
  }

  /** Calls the DoFn's {@code setup}. */
  public void setup() {
    MetricsContainer prev = metricsHolder.container;
    metricsHolder.container = metrics;
    try {
      fn.setup();
    } catch (Throwable t) {
      throw wrap("setup", null, t);
    } finally {
      metricsHolder.container = prev;
    }
  }

  /** Calls {@code startBundle}. */
  public void startBundle() {
    MetricsContainer prev = metricsHolder.container;
    metricsHolder.container = metrics;
    try {
      fn.startBundle(startContext);
    } catch (Throwable t) {
      throw wrap("startBundle", null, t);
    } finally {
      metricsHolder.container = prev;
    }
  }

  /** Calls {@code processElement} once per window of the element. */
  public void processElement(WindowedValue<I> element) {
    processValue(element.value(), element);
  }

  /**
   * Calls {@code processElement} once per window of an element given as its value and a
   * {@link WindowedValue} carrying its timestamp, windows and pane (whose own value is ignored):
   * for runners that pass values through fused steps without re-wrapping them.
   */
  public void processValue(I value, WindowedValue<?> metadata) {
    List<BoundedWindow> windows = metadata.windows();
    if (windows.size() == 1) {
      invoke(value, metadata, windows.get(0));
    } else {
      for (BoundedWindow w : windows) {
        invoke(value, metadata, w);
      }
    }
  }

  private void invoke(I value, WindowedValue<?> metadata, BoundedWindow window) {
    MetricsContainer prev = metricsHolder.container;
    metricsHolder.container = metrics;
    current = metadata;
    currentValue = value;
    currentWindow = window;
    try {
      fn.processElement(processContext);
    } catch (UserCodeException e) {
      throw e;
    } catch (Throwable t) {
      throw wrap("processElement", value, t);
    } finally {
      metricsHolder.container = prev;
      current = null;
      currentValue = null;
    }
  }

  /** Calls {@code finishBundle}. */
  public void finishBundle() {
    MetricsContainer prev = metricsHolder.container;
    metricsHolder.container = metrics;
    try {
      fn.finishBundle(finishContext);
    } catch (UserCodeException e) {
      throw e;
    } catch (Throwable t) {
      throw wrap("finishBundle", null, t);
    } finally {
      metricsHolder.container = prev;
    }
  }

  /** Calls {@code teardown}, reporting but not throwing failures. */
  public void teardown() {
    try {
      fn.teardown();
    } catch (Throwable t) {
      org.slf4j.LoggerFactory.getLogger(DoFnRunner.class)
          .warn("teardown of step '{}' failed", stepName, t);
    }
  }

  private RuntimeException wrap(String phase, Object element, Throwable t) {
    if (t instanceof UserCodeException u) {
      return u;
    }
    return element == null
        ? UserCodeException.forStep(stepName, phase, t)
        : UserCodeException.forElement(stepName, phase, element, t);
  }

  private void checkTag(TupleTag<?> tag) {
    if (!tag.equals(mainTag) && !additionalTags.contains(tag)) {
      throw new IllegalArgumentException(
          "output to the undeclared tag '" + tag + "'; declare it with "
              + ".withOutputTags(mainTag, TupleTagList.of(tag)). Declared: " + mainTag + " and "
              + additionalTags);
    }
  }

  private long checkTimestamp(Instant timestamp) {
    long ts = Timestamps.toMillis(timestamp);
    long in = current.timestamp();
    if (ts < in && in - ts > allowedSkewMillis) {
      throw new IllegalArgumentException(
          "outputWithTimestamp(" + timestamp + ") is earlier than the input's timestamp "
              + Timestamps.format(in) + " by more than the allowed skew of " + allowedSkewMillis
              + " ms. Outputs may not move back in time; override getAllowedTimestampSkew() in "
              + "the DoFn to allow it (elements may then become late).");
    }
    return ts;
  }

  /** The output at the input's timestamp, window and pane (no new window list when possible). */
  private <T> WindowedValue<T> sameMetadata(T output) {
    if (current.windows().size() == 1) {
      return current.withValue(output);
    }
    return WindowedValue.of(output, current.timestamp(), currentWindow, current.pane());
  }

  private final class StartCtx extends DoFn<I, O>.StartBundleContext {
    StartCtx(DoFn<I, O> f) {
      f.super();
    }

    @Override
    public PipelineOptions getPipelineOptions() {
      return options;
    }
  }

  private final class FinishCtx extends DoFn<I, O>.FinishBundleContext {
    FinishCtx(DoFn<I, O> f) {
      f.super();
    }

    @Override
    public PipelineOptions getPipelineOptions() {
      return options;
    }

    @Override
    public void output(O output, Instant timestamp, BoundedWindow window) {
      outputs.output(mainTag, WindowedValue.of(output, Timestamps.toMillis(timestamp), window,
          PaneInfo.NO_FIRING));
    }

    @Override
    public <T> void output(TupleTag<T> tag, T output, Instant timestamp, BoundedWindow window) {
      checkTag(tag);
      outputs.output(tag, WindowedValue.of(output, Timestamps.toMillis(timestamp), window,
          PaneInfo.NO_FIRING));
    }
  }

  private final class ProcessCtx extends DoFn<I, O>.ProcessContext {
    ProcessCtx(DoFn<I, O> f) {
      f.super();
    }

    @Override
    public PipelineOptions getPipelineOptions() {
      return options;
    }

    @Override
    public I element() {
      return currentValue;
    }

    @Override
    public Instant timestamp() {
      return Instant.ofEpochMilli(current.timestamp());
    }

    @Override
    public BoundedWindow window() {
      return currentWindow;
    }

    @Override
    public PaneInfo pane() {
      return current.pane();
    }

    @Override
    public void output(O output) {
      if (valueOutputs != null && current.windows().size() == 1) {
        valueOutputs.outputValue(mainTag, output, current);
      } else {
        outputs.output(mainTag, sameMetadata(output));
      }
    }

    @Override
    public void outputWithTimestamp(O output, Instant timestamp) {
      outputs.output(mainTag, WindowedValue.of(output, checkTimestamp(timestamp), currentWindow,
          current.pane()));
    }

    @Override
    public <T> void output(TupleTag<T> tag, T output) {
      checkTag(tag);
      if (valueOutputs != null && current.windows().size() == 1) {
        valueOutputs.outputValue(tag, output, current);
      } else {
        outputs.output(tag, sameMetadata(output));
      }
    }

    @Override
    public <T> void outputWithTimestamp(TupleTag<T> tag, T output, Instant timestamp) {
      checkTag(tag);
      outputs.output(tag, WindowedValue.of(output, checkTimestamp(timestamp), currentWindow,
          current.pane()));
    }

    @Override
    public <T> T sideInput(PCollectionView<T> view) {
      return sideInputs.get(view, currentWindow);
    }
  }
}
