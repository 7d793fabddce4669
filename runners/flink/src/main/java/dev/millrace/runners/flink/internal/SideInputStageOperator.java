package dev.millrace.runners.flink.internal;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.SideInputReader;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionView;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * A stage whose first step is a ParDo with side inputs. Input 1 is the main input; input 2 is the
 * broadcast union of every side input's windowed elements, tagged by view index
 * ({@link UnionCoder.Tagged}). A
 * main element waits ("is pushed back") until every side input it reads is complete for its
 * window: the side input's watermark has passed the end of the side-input window. The output
 * watermark is the main input's, held at the earliest waiting element.
 *
 * <p>Both survive a restore from a checkpoint: the side-input elements received so far are kept in
 * Flink broadcast state (every instance holds the same ones, since barriers are aligned; a
 * restored instance gets one copy whatever the new parallelism), the waiting main elements in
 * operator list state (redistributed on rescaling; any instance may process them). Both are
 * stored with the inputs' coders ({@link CoderTypeSerializer}).
 *
 * <p>Under a script clock (one TestStream) the operator replays its inputs step by step, as the
 * direct runner does in one pass per script event: the main and side elements of script step k
 * (records carry their step) wait until both inputs have completed step k ({@link ScriptInput});
 * then the side elements are added, the main elements are checked against the side input's
 * watermark <em>at step k</em>, the ready ones (with those released by it) are processed, and the
 * output watermark of step k is forwarded (a {@link ScriptMarker} when it is held). Without this, the side input (computed by other operators from the same
 * script) would lag behind the main input by however far Flink happened to run ahead, and the
 * held output watermark would let later elements through that the other runners drop as late.
 */
public final class SideInputStageOperator extends AbstractStreamOperator<WindowedValue<Object>>
    implements TwoInputStreamOperator<WindowedValue<Object>, UnionCoder.Tagged,
        WindowedValue<Object>>, SideInputReader {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final StagePlan plan;
  private final PipelineOptions options;
  private final List<OutputTag<WindowedValue<Object>>> exitTags;
  private final List<PCollectionView<?>> views;
  private final FlinkClock clock;
  private final boolean sideBounded;
  private final boolean mainBounded;
  private transient StageRunner runner;
  private transient Exits exits;
  private transient List<Map<BoundedWindow, List<Object>>> values;
  private transient List<Map<BoundedWindow, Object>> materialized;
  private transient List<WindowedValue<Object>> waiting;
  private transient BroadcastState<Long, UnionCoder.Tagged> sideState;
  private transient ListState<WindowedValue<Object>> waitingState;
  private transient long nextSideId;
  private transient ListState<Long> sideWatermarkState;
  private transient long restoredSideWatermark;
  private transient long mainWatermark;
  private transient long mainFlinkWatermark;
  private transient long sideWatermark;
  private transient long emittedWatermark;
  private transient ScriptInput mainInput;
  private transient ScriptInput sideInput;
  private transient TreeMap<Long, List<WindowedValue<Object>>> byStep;
  private transient TreeMap<Long, List<UnionCoder.Tagged>> sideByStep;
  private transient long cursor;
  private transient StreamRecord<Object> stepRecord;

  public SideInputStageOperator(
      String id, StagePlan plan, PipelineOptions options,
      List<OutputTag<WindowedValue<Object>>> exitTags, List<PCollectionView<?>> views,
      FlinkClock clock, boolean mainBounded) {
    this.clock = clock;
    this.mainBounded = mainBounded;
    this.id = id;
    this.plan = plan;
    this.options = options;
    this.exitTags = exitTags;
    this.views = List.copyOf(views);
    boolean bounded = true;
    for (PCollectionView<?> view : views) {
      bounded &= view.getPCollection().isBounded() == PCollection.IsBounded.BOUNDED;
    }
    this.sideBounded = bounded;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    ClassLoader loader = getUserCodeClassloader();
    TypeSerializer<UnionCoder.Tagged> sideSerializer = config.getTypeSerializerIn2(loader);
    TypeSerializer<WindowedValue<Object>> mainSerializer = config.getTypeSerializerIn1(loader);
    sideState = context.getOperatorStateStore().getBroadcastState(new MapStateDescriptor<>(
        "millrace-side-input-values", LongSerializer.INSTANCE, sideSerializer));
    waitingState = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("millrace-pushed-back", mainSerializer));
    values = new ArrayList<>();
    materialized = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      values.add(new HashMap<>());
      materialized.add(new HashMap<>());
    }
    nextSideId = 0;
    for (Map.Entry<Long, UnionCoder.Tagged> e : new TreeMap<>(toMap(sideState)).entrySet()) {
      addSideValue(e.getValue());
      nextSideId = e.getKey() + 1;
    }
    sideWatermarkState = context.getOperatorStateStore().getUnionListState(
        new ListStateDescriptor<>("millrace-side-input-watermark", LongSerializer.INSTANCE));
    restoredSideWatermark = Timestamps.MIN;
    boolean first = true;
    for (Long w : sideWatermarkState.get()) {
      restoredSideWatermark = first ? w : Math.min(restoredSideWatermark, w);
      first = false;
    }
    waiting = new ArrayList<>();
    for (WindowedValue<Object> v : waitingState.get()) {
      waiting.add(v);
    }
  }

  private static Map<Long, UnionCoder.Tagged> toMap(BroadcastState<Long, UnionCoder.Tagged> state)
      throws Exception {
    Map<Long, UnionCoder.Tagged> copy = new HashMap<>();
    for (Map.Entry<Long, UnionCoder.Tagged> e : state.entries()) {
      copy.put(e.getKey(), e.getValue());
    }
    return copy;
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    List<WindowedValue<Object>> all = new ArrayList<>(waiting);
    if (byStep != null) {
      byStep.values().forEach(all::addAll);
    }
    waitingState.update(all);
    sideWatermarkState.update(List.of(sideWatermark));
  }

  @Override
  public void open() throws Exception {
    super.open();
    mainWatermark = Timestamps.MIN;
    mainFlinkWatermark = Long.MIN_VALUE;
    sideWatermark = restoredSideWatermark;
    emittedWatermark = Long.MIN_VALUE;
    exits = Exits.of(output, exitTags);
    runner = new StageRunner(plan, options, this, exits);
    runner.afterBundle(
        MetricsAccumulator.register(getRuntimeContext(), id, runner.metrics())::sync);
    runner.setup();
    if (clock instanceof FlinkClock.Script script) {
      mainInput = new ScriptInput(script, mainBounded);
      sideInput = new ScriptInput(script, sideBounded);
      byStep = new TreeMap<>();
      sideByStep = new TreeMap<>();
      cursor = 0;
      stepRecord = new StreamRecord<>(null);
    }
  }

  @Override
  public void processElement1(StreamRecord<WindowedValue<Object>> record) {
    WindowedValue<Object> v = record.getValue();
    if (byStep != null) {
      if (ScriptMarker.is(v)) {
        mainInput.observeMarker(ScriptMarker.of(v));
        return;
      }
      long step = Math.max(cursor + 1, record.hasTimestamp() ? record.getTimestamp() : 0);
      byStep.computeIfAbsent(step, k -> new ArrayList<>()).add(v);
      return;
    }
    if (isReady(v)) {
      exits.input(record);
      runner.process(v);
    } else {
      waiting.add(v);
    }
  }

  @Override
  public void processElement2(StreamRecord<UnionCoder.Tagged> record) throws Exception {
    UnionCoder.Tagged t = record.getValue();
    if (sideByStep != null) {
      WindowedValue<?> v = (WindowedValue<?>) t.value();
      if (ScriptMarker.is(v)) {
        sideInput.observeMarker(ScriptMarker.of(v));
        return;
      }
      long step = Math.max(cursor + 1, record.hasTimestamp() ? record.getTimestamp() : 0);
      sideByStep.computeIfAbsent(step, k -> new ArrayList<>()).add(t);
      return;
    }
    addSide(t);
  }

  private void addSide(UnionCoder.Tagged t) throws Exception {
    sideState.put(nextSideId++, t);
    addSideValue(t);
  }

  private void addSideValue(UnionCoder.Tagged t) {
    WindowedValue<?> v = (WindowedValue<?>) t.value();
    for (BoundedWindow w : v.windows()) {
      values.get(t.index()).computeIfAbsent(w, k -> new ArrayList<>()).add(v.value());
    }
  }

  private static final StreamRecord<Object> NO_TIMESTAMP = new StreamRecord<>(null);

  @Override
  public void processWatermark1(Watermark mark) throws Exception {
    if (byStep != null) {
      runner.finishBundle();
      mainInput.observeWatermark(mark.getTimestamp());
      advance();
      return;
    }
    mainFlinkWatermark = mark.getTimestamp();
    mainWatermark = clock.eventWatermark(mark.getTimestamp());
    runner.finishBundle();
    emitWatermark();
  }

  @Override
  public void processWatermark2(Watermark mark) throws Exception {
    if (byStep != null) {
      sideInput.observeWatermark(mark.getTimestamp());
      advance();
      return;
    }
    sideWatermark = Math.max(sideWatermark, clock.eventWatermark(mark.getTimestamp()));
    exits.input(NO_TIMESTAMP);
    releaseReady();
    emitWatermark();
  }

  /** Runs every script step both inputs have completed (script clock only). */
  private void advance() throws Exception {
    long target = Math.min(Math.min(mainInput.completed(), sideInput.completed()),
        ((FlinkClock.Script) clock).lastStep() + 1);
    while (cursor < target) {
      cursor++;
      runStep(cursor);
    }
  }

  /** One step: its main elements arrive, every ready element runs, its watermark is forwarded. */
  private void runStep(long step) throws Exception {
    FlinkClock.Script script = (FlinkClock.Script) clock;
    Map<Long, List<UnionCoder.Tagged>> sideArrived = sideByStep.headMap(step, true);
    for (List<UnionCoder.Tagged> tagged : sideArrived.values()) {
      for (UnionCoder.Tagged t : tagged) {
        addSide(t);
      }
    }
    sideArrived.clear();
    long side = Math.max(sideWatermark, sideInput.watermarkAt(step));
    boolean sideAdvanced = side > sideWatermark;
    sideWatermark = side;
    mainWatermark = mainInput.watermarkAt(step);
    List<WindowedValue<Object>> arrived = byStep.remove(step);
    if (arrived != null) {
      waiting.addAll(arrived);
    }
    if (arrived != null || sideAdvanced) {
      // One bundle per step, like the elements a TestStream event or a timer firing emits.
      exits.input(stepRecord.replace(null, step));
      releaseReady();
    }
    long held = mainWatermark;
    for (WindowedValue<Object> v : waiting) {
      held = Math.min(held, v.timestamp());
    }
    emittedWatermark = MarkerRouting.endStep(
        script, step, held, emittedWatermark, m -> exits.emitMarker(m, step), output);
  }

  /** Processes the waiting elements that are ready now, in arrival order. */
  private void releaseReady() {
    List<WindowedValue<Object>> still = new ArrayList<>();
    for (WindowedValue<Object> v : waiting) {
      if (isReady(v)) {
        runner.process(v);
      } else {
        still.add(v);
      }
    }
    waiting = still;
    runner.finishBundle();
  }

  @Override
  public void processWatermark(Watermark mark) {
    // Watermarks are tracked per input in processWatermark1/2.
  }

  private void emitWatermark() {
    long wm = mainWatermark;
    for (WindowedValue<Object> v : waiting) {
      wm = Math.min(wm, v.timestamp());
    }
    long flink = clock.toFlink(wm, mainFlinkWatermark);
    if (flink > emittedWatermark) {
      emittedWatermark = flink;
      output.emitWatermark(new Watermark(flink));
    }
  }

  private boolean isReady(WindowedValue<?> v) {
    if (sideWatermark >= Timestamps.MAX) {
      return true;
    }
    for (PCollectionView<?> view : views) {
      for (BoundedWindow w : v.windows()) {
        if (sideWatermark <= sideWindow(view, w).maxTimestampMillis()) {
          return false;
        }
      }
    }
    return true;
  }

  private static BoundedWindow sideWindow(PCollectionView<?> view, BoundedWindow mainWindow) {
    return view.getWindowingStrategy().windowFn().sideInputWindow(mainWindow);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(PCollectionView<T> view, BoundedWindow mainWindow) {
    int index = views.indexOf(view);
    if (index < 0) {
      return SideInputReader.EMPTY.get(view, mainWindow);
    }
    BoundedWindow side = sideWindow(view, mainWindow);
    return (T) materialized.get(index).computeIfAbsent(side, w ->
        view.getViewFn().apply(values.get(index).getOrDefault(w, List.of())));
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    runner.finishBundle();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    if (byStep != null) {
      byStep.values().forEach(waiting::addAll);
      byStep.clear();
      for (List<UnionCoder.Tagged> tagged : sideByStep.values()) {
        for (UnionCoder.Tagged t : tagged) {
          addSide(t);
        }
      }
      sideByStep.clear();
    }
    exits.input(NO_TIMESTAMP);
    for (WindowedValue<Object> v : waiting) {
      runner.process(v);
    }
    waiting.clear();
    runner.finishBundle();
    super.finish();
  }

  @Override
  public void close() throws Exception {
    if (runner != null) {
      runner.teardown();
    }
    super.close();
  }
}
