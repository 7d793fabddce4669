package dev.millrace.runners.core.state;

import dev.millrace.metrics.Counter;
import dev.millrace.metrics.MetricName;
import dev.millrace.metrics.MetricsContainer;
import dev.millrace.metrics.MetricsEnvironment;
import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.DoFnRunner;
import dev.millrace.runners.core.OutputManager;
import dev.millrace.runners.core.SideInputReader;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.state.State;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.internal.DoFnDeclarations;
import dev.millrace.values.KV;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.core.StateInternals;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a stateful DoFn (one that declares {@link StateSpec}s or {@link TimerSpec}s) over the
 * windowing core's per-key {@link StateInternals} and {@link TimerInternals}, so every runner
 * shares these semantics and only supplies storage, timer delivery and clocks:
 *
 * <ul>
 *   <li>State is scoped to the key ({@link #setKey}) and the element's window (one namespace per
 *       window). Each window that receives an element gets a garbage-collection timer at its end
 *       plus the allowed lateness; when it fires, {@code onWindowExpiration} is called, then the
 *       window's state and pending timers are deleted. Elements of expired windows are dropped
 *       (counted in {@code droppedDueToLateness}).
 *   <li>Timers: a pending timer holds the output watermark at its output timestamp (a watermark
 *       hold in the key's state); resetting a timer replaces it, so it fires once. {@link
 *       #onTimers} fires a batch of due timers in timestamp order, skipping any timer that an
 *       earlier firing of the batch reset or deleted; the garbage-collection timer of a window
 *       fires after user timers of the same timestamp. Processing-time timers of an expired
 *       window are dropped.
 * </ul>
 *
 * <p>The runner must deliver a timer once its clock is strictly past it, in timestamp order per
 * key, and keep its output watermark at most the minimum watermark hold and pending event-time
 * timer. Not thread-safe: one runner per thread.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <O> the main output type
 */
public final class StatefulDoFnRunner<K, V, O> implements UserTimer.Scope {
  /** The id of the per-window garbage-collection timer (user timer ids have a prefix). */
  public static final String GC_TIMER_ID = "gc";

  final String stepName;
  final DoFn<KV<K, V>, O> fn;
  final PipelineOptions options;
  private final TupleTag<O> mainTag;
  private final List<TupleTag<?>> additionalTags;
  private final OutputManager outputs;
  private final DoFnRunner<KV<K, V>, O> lifecycle;
  private final MetricsContainer metrics;
  private final MetricsEnvironment.Holder metricsHolder = MetricsEnvironment.holder();
  private final Counter droppedLate;
  private final WindowingStrategy strategy;
  private final StateCodec<BoundedWindow> windowCodec;
  final DoFnDeclarations declarations;
  private final Map<String, StateTag<?>> tags = new LinkedHashMap<>();
  private final long allowedSkewMillis;
  private final boolean callsExpiry;
  private final StatefulContexts<K, V, O> contexts;

  K key;
  private StateInternals state;
  private TimerInternals timers;
  WindowedValue<KV<K, V>> element;
  BoundedWindow window;
  private StateNamespace namespace;
  long inputTimestamp;
  FiringTimer firing;
  private Set<TimerIdentity> touched;

  /** The timer being delivered to {@code onTimer}. */
  record FiringTimer(TimerData data, String timerId, String familyId, TimerSpec spec) {}

  private record TimerIdentity(StateNamespace namespace, String timerId, TimeDomain domain) {}

  @SuppressWarnings("unchecked")
  public StatefulDoFnRunner(
      String stepName,
      DoFn<KV<K, V>, O> fn,
      PipelineOptions options,
      TupleTag<O> mainTag,
      List<TupleTag<?>> additionalTags,
      WindowingStrategy strategy,
      OutputManager outputs,
      MetricsContainer metrics) {
    this.stepName = stepName;
    this.fn = fn;
    this.options = options;
    this.mainTag = mainTag;
    this.additionalTags = additionalTags;
    this.outputs = outputs;
    this.metrics = metrics;
    this.strategy = strategy;
    this.windowCodec = (StateCodec<BoundedWindow>) strategy.windowFn().windowCodec();
    this.lifecycle = new DoFnRunner<>(stepName, fn, options, mainTag, additionalTags, outputs,
        SideInputReader.EMPTY, metrics);
    this.droppedLate = metrics.getCounter(MetricName.named("millrace", "droppedDueToLateness"));
    this.declarations = DoFnDeclarations.of(fn);
    declarations.stateSpecs().forEach((id, spec) -> tags.put(id, UserStateViews.tagFor(id, spec)));
    this.callsExpiry = declarations.overridesOnWindowExpiration();
    java.time.Duration skew = fn.getAllowedTimestampSkew();
    this.allowedSkewMillis = skew.compareTo(java.time.Duration.ofMillis(Long.MAX_VALUE / 4)) > 0
        ? Long.MAX_VALUE / 4 : skew.toMillis();
    this.contexts = new StatefulContexts<>(this);
  }

  public DoFn<KV<K, V>, O> getFn() {
    return fn;
  }

  public void setup() {
    lifecycle.setup();
  }

  public void startBundle() {
    lifecycle.startBundle();
  }

  public void finishBundle() {
    lifecycle.finishBundle();
  }

  public void teardown() {
    lifecycle.teardown();
  }

  /** Binds the key whose elements and timers follow, with its state and timers. */
  public void setKey(K key, StateInternals state, TimerInternals timers) {
    this.key = key;
    this.state = state;
    this.timers = timers;
  }

  /** Processes an element of the bound key, once per window that has not expired. */
  public void processElement(WindowedValue<KV<K, V>> value) {
    for (BoundedWindow w : value.windows()) {
      long gc = gcTime(w);
      if (gc < timers.currentInputWatermark()) {
        droppedLate.inc();
        continue;
      }
      StateNamespace ns = namespace(w);
      timers.setTimer(TimerData.of(ns, GC_TIMER_ID, TimeDomain.EVENT_TIME, gc));
      begin(w, ns, value.timestamp());
      element = value;
      try {
        invoke("processElement", value.value(), () -> fn.processElement(contexts.process));
      } finally {
        element = null;
      }
    }
  }

  /**
   * Fires due timers of the bound key, in timestamp order; a timer that an earlier firing of this
   * batch reset or deleted is skipped (its new setting is still pending).
   */
  public void onTimers(List<TimerData> due) {
    List<TimerData> sorted = new ArrayList<>(due);
    sorted.sort(Comparator.comparingLong(TimerData::timestamp)
        .thenComparing(t -> GC_TIMER_ID.equals(t.timerId())));
    touched = new HashSet<>();
    try {
      for (TimerData t : sorted) {
        if (!touched.contains(new TimerIdentity(t.namespace(), t.timerId(), t.domain()))) {
          fire(t);
        }
      }
    } finally {
      touched = null;
    }
  }

  private void fire(TimerData t) {
    BoundedWindow w = t.namespace().window();
    if (GC_TIMER_ID.equals(t.timerId()) && t.domain() == TimeDomain.EVENT_TIME) {
      expire(w, t.namespace());
      return;
    }
    TimerBook.forget(state, t.namespace(), new TimerBook.Entry(t.timerId(), t.domain()));
    if (t.domain() == TimeDomain.PROCESSING_TIME && gcTime(w) < timers.currentInputWatermark()) {
      return; // the window expired; its state is gone
    }
    FiringTimer f = decode(t);
    begin(w, t.namespace(),
        t.outputTimestamp() == TimerBook.NO_OUTPUT ? t.timestamp() : t.outputTimestamp());
    firing = f;
    try {
      invoke("onTimer", null, () -> fn.onTimer(contexts.timer));
    } finally {
      firing = null;
    }
  }

  private void expire(BoundedWindow w, StateNamespace ns) {
    if (callsExpiry) {
      begin(w, ns, w.maxTimestampMillis());
      invoke("onWindowExpiration", null, () -> fn.onWindowExpiration(contexts.expiry));
    }
    for (StateTag<?> tag : tags.values()) {
      state.state(ns, tag).clear();
    }
    for (TimerBook.Entry e : TimerBook.deleteAll(state, timers, ns)) {
      if (touched != null) {
        touched.add(new TimerIdentity(ns, e.timerId(), e.domain()));
      }
    }
  }

  private FiringTimer decode(TimerData t) {
    String id = t.timerId();
    String specId;
    String familyId = "";
    String timerId;
    if (id.startsWith("f:")) {
      String rest = id.substring(2);
      int sep = rest.indexOf(':');
      specId = rest.substring(0, sep);
      familyId = specId;
      timerId = rest.substring(sep + 1);
    } else {
      specId = id.substring(2);
      timerId = specId;
    }
    TimerSpec spec = declarations.timerSpecs().get(specId);
    if (spec == null) {
      throw new IllegalStateException("step '" + stepName + "': a timer '" + specId
          + "' fired but DoFn " + fn.getClass().getName() + " declares no such timer");
    }
    return new FiringTimer(t, timerId, familyId, spec);
  }

  private void begin(BoundedWindow w, StateNamespace ns, long timestamp) {
    window = w;
    namespace = ns;
    inputTimestamp = timestamp;
  }

  private interface UserCall {
    void run() throws Exception;
  }

  private void invoke(String phase, Object value, UserCall call) {
    MetricsContainer prev = metricsHolder.container;
    metricsHolder.container = metrics;
    try {
      call.run();
    } catch (UserCodeException e) {
      throw e;
    } catch (Throwable t) {
      String what = phase.equals("onTimer") && firing != null
          ? "onTimer(" + firing.timerId() + " at " + Timestamps.format(firing.data().timestamp()) + ")"
          : phase;
      throw value == null
          ? UserCodeException.forStep(stepName, what + " for key " + key, t)
          : UserCodeException.forElement(stepName, phase, value, t);
    } finally {
      metricsHolder.container = prev;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private StateNamespace namespace(BoundedWindow w) {
    return StateNamespace.window(w, (StateCodec) windowCodec);
  }

  /** When a window's state is collected: its end plus the allowed lateness (capped). */
  long gcTime(BoundedWindow w) {
    long max = w.maxTimestampMillis();
    long lateness = strategy.allowedLateness().toMillis();
    return max > Timestamps.GLOBAL_WINDOW_MAX - lateness
        ? Math.max(max, Timestamps.GLOBAL_WINDOW_MAX)
        : max + lateness;
  }

  // ---- what the contexts use ----

  @SuppressWarnings("unchecked")
  <S extends State> S state(StateSpec<S> spec) {
    String id = declarations.idOf(spec);
    return (S) UserStateViews.view(state, namespace, tags.get(id), spec);
  }

  UserTimer timer(TimerSpec spec, String dynamicId) {
    String id = declarations.idOf(spec);
    TimeDomain domain = TimeDomain.valueOf(spec.timeDomain().name());
    if (dynamicId == null) {
      if (spec.isFamily()) {
        throw new IllegalArgumentException("'" + id + "' is a timer family; use "
            + "c.timerFamily(" + id + ").get(timerId)");
      }
      return new UserTimer(this, "u:" + id, id, domain);
    }
    if (!spec.isFamily()) {
      throw new IllegalArgumentException("'" + id + "' is a single timer, not a family; use "
          + "c.timer(" + id + ")");
    }
    if (dynamicId.isEmpty()) {
      throw new IllegalArgumentException("timer family '" + id + "': timer ids may not be empty");
    }
    return new UserTimer(this, "f:" + id + ":" + dynamicId, id + "/" + dynamicId, domain);
  }

  void checkTag(TupleTag<?> tag) {
    if (!tag.equals(mainTag) && !additionalTags.contains(tag)) {
      throw new IllegalArgumentException("output to the undeclared tag '" + tag + "'; declare it "
          + "with .withOutputTags(mainTag, TupleTagList.of(tag)). Declared: " + mainTag + " and "
          + additionalTags);
    }
  }

  long checkTimestamp(long ts, long base) {
    if (ts < base && base - ts > allowedSkewMillis) {
      throw new IllegalArgumentException("outputWithTimestamp(" + Timestamps.format(ts)
          + ") is earlier than the current timestamp " + Timestamps.format(base) + " by more "
          + "than the allowed skew of " + allowedSkewMillis + " ms; override "
          + "getAllowedTimestampSkew() in the DoFn to allow it (outputs may then be late).");
    }
    return ts;
  }

  <T> void emit(TupleTag<T> tag, T value, long timestamp, PaneInfo pane) {
    outputs.output(tag, WindowedValue.of(value, timestamp, window, pane));
  }

  TupleTag<O> mainTag() {
    return mainTag;
  }

  // ---- UserTimer.Scope ----

  @Override
  public long inputTimestamp() {
    return inputTimestamp;
  }

  @Override
  public long processingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public void setTimer(String timerId, String displayId, TimeDomain domain, long target,
      long outputTimestamp, boolean explicitOutput) {
    long gc = gcTime(window);
    if (domain == TimeDomain.EVENT_TIME && target > gc) {
      throw new IllegalArgumentException("event-time timer '" + displayId + "' was set for "
          + Timestamps.format(target) + ", after window " + window + " expires at "
          + Timestamps.format(gc) + " (its end plus the allowed lateness); set it no later "
          + "than that, e.g. at window.maxTimestamp()");
    }
    if (explicitOutput && domain == TimeDomain.EVENT_TIME && outputTimestamp > target) {
      throw new IllegalArgumentException("timer '" + displayId + "': the output timestamp "
          + Timestamps.format(outputTimestamp) + " is after the firing time "
          + Timestamps.format(target) + "; an event-time timer's output timestamp may not be "
          + "later than when it fires");
    }
    long outputWatermark = timers.currentOutputWatermark();
    if (explicitOutput && outputTimestamp < outputWatermark) {
      throw new IllegalArgumentException("timer '" + displayId + "': the output timestamp "
          + Timestamps.format(outputTimestamp) + " is before the step's output watermark "
          + Timestamps.format(outputWatermark) + ", so its outputs could be late; hold at a "
          + "timestamp no earlier than the data the timer stands for, e.g. c.timestamp()");
    }
    TimerBook.set(state, timers, new TimerData(namespace, timerId, domain, target, outputTimestamp));
    if (touched != null) {
      touched.add(new TimerIdentity(namespace, timerId, domain));
    }
  }

  @Override
  public void deleteTimer(String timerId, TimeDomain domain) {
    TimerBook.delete(state, timers, namespace, new TimerBook.Entry(timerId, domain));
    if (touched != null) {
      touched.add(new TimerIdentity(namespace, timerId, domain));
    }
  }
}
