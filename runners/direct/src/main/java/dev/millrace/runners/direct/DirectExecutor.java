package dev.millrace.runners.direct;

import dev.millrace.runners.core.execution.InProcessExecution;
import dev.millrace.runners.core.execution.DoFnPool;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.CombinePerKeyStep;
import dev.millrace.runners.core.ExecutableStep.GroupByKeyStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutableStep.ReadStep;
import dev.millrace.runners.core.ExecutableStep.TestStreamStep;
import dev.millrace.runners.core.ExecutableStep.UnboundedReadStep;
import dev.millrace.testing.TestStream;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.runners.core.CoderStateCodec;
import dev.millrace.runners.core.CombineFnAggregation;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.transforms.CombineFn;
import dev.millrace.windowing.core.GroupAlsoByWindow;
import dev.millrace.runners.core.MetricsRegistry;
import dev.millrace.runners.core.SerializableUtils;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.BoundedSource;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.DefaultTrigger;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes a planned pipeline in this process. Sources are split and read in parallel; every
 * element flows synchronously through the fused element-wise steps of its task up to the next
 * boundary (grouping, lifted combine, side-input wait). Then, in topological order, each step's
 * input watermark is computed from its inputs' watermarks and each boundary fires the work its
 * watermark allows, in parallel over key partitions.
 */
final class DirectExecutor implements InProcessExecution {
  private final ExecutionGraph graph;
  private final DirectOptions options;
  private final int parallelism;
  private final MetricsRegistry metrics = new MetricsRegistry();
  private final Map<PCollection<?>, Long> watermarks = new ConcurrentHashMap<>();
  private final Map<ExecutableStep, Boundary> boundaries = new IdentityHashMap<>();
  private final Map<ExecutableStep, Integer> indexes = new IdentityHashMap<>();
  private final Map<ExecutableStep, DoFnPool> doFnPools = new ConcurrentHashMap<>();
  private final Map<String, byte[]> serializedFns = new ConcurrentHashMap<>();
  private final ViewStore views;
  private final ProcessingClock clock = new ProcessingClock();
  private volatile boolean cancelled;
  private volatile boolean failed;
  private ExecutorService pool;

  DirectExecutor(ExecutionGraph graph, DirectOptions options, DirectPipelineResult result) {
    this.graph = graph;
    this.options = options;
    int p = options.getTargetParallelism();
    this.parallelism = p > 0 ? p : Runtime.getRuntime().availableProcessors();
    this.views = new ViewStore(v -> watermarks.getOrDefault(v.getPCollection(), Timestamps.MIN));
    int partitions = Math.max(4, parallelism * 4);
    List<ExecutableStep> steps = graph.steps();
    for (int i = 0; i < steps.size(); i++) {
      ExecutableStep s = steps.get(i);
      indexes.put(s, i);
      Boundary b = createBoundary(s, partitions);
      if (b != null) {
        boundaries.put(s, b);
      }
    }
  }

  private Boundary createBoundary(ExecutableStep s, int partitions) {
    dev.millrace.internal.TextFileSinkSpec textSink =
        dev.millrace.runners.core.files.TextPartFiles.sinkOf(graph, s);
    if (textSink != null) {
      return new DirectFileSink(s, textSink);
    }
    if (s instanceof GroupByKeyStep g) {
      if (isBatch(g.input(), g.strategy())) {
        return new BatchGroupByKey(this, g, partitions);
      }
      KvCoder<?, ?> kv = (KvCoder<?, ?>) g.input().getCoder();
      return new StreamingGrouping(this, g.name(), g.input(), g.outputs().values().iterator().next(),
          GroupAlsoByWindow.grouping(g.strategy(), CoderStateCodec.of(kv.getValueCoder())),
          StreamingGrouping::groupedValues, partitions);
    }
    if (s instanceof CombinePerKeyStep c) {
      if (isBatch(c.input(), c.strategy())) {
        return new BatchCombinePerKey(this, c, partitions);
      }
      return new StreamingGrouping(this, c.name(), c.input(), c.outputs().values().iterator().next(),
          combiningCore(c), v -> v, partitions);
    }
    if (s instanceof ParDoStep p
        && dev.millrace.transforms.state.internal.DoFnDeclarations.isStateful(p.parDo().getFn())) {
      return new StatefulParDo(this, p, partitions);
    }
    if (s instanceof ParDoStep p && !p.sideInputs().isEmpty()) {
      return new SideInputParDo(this, p);
    }
    return null;
  }

  /**
   * Whether a grouping can take the batch path: bounded input (so its watermark jumps from the
   * beginning to the end of time once all data is in), the default trigger and non-merging
   * windows — where the core would emit exactly one on-time pane per key and window.
   */
  private static boolean isBatch(PCollection<?> input, WindowingStrategy s) {
    return input.isBounded() == PCollection.IsBounded.BOUNDED
        && !s.windowFn().isMerging()
        && s.trigger() instanceof DefaultTrigger;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private GroupAlsoByWindow<?, ?> combiningCore(CombinePerKeyStep c) {
    CombineFn fn = (CombineFn) cloneFn(c.fn(), c.name());
    return GroupAlsoByWindow.combining(
        c.strategy(), new CombineFnAggregation<>(fn), CoderStateCodec.of((Coder) c.accumulatorCoder()));
  }

  ExecutionGraph graph() {
    return graph;
  }

  DirectOptions options() {
    return options;
  }

  int parallelism() {
    return parallelism;
  }

  @Override
  public MetricsRegistry metrics() {
    return metrics;
  }

  ViewStore views() {
    return views;
  }

  Boundary boundary(ExecutableStep s) {
    return boundaries.get(s);
  }

  int indexOf(ExecutableStep s) {
    return indexes.get(s);
  }

  DoFnPool doFnPool(ParDoStep step) {
    return doFnPools.computeIfAbsent(step, s -> new DoFnPool(step.name(), step.parDo().getFn()));
  }

  /** A fresh deserialised copy of a user function, for one thread. */
  Object cloneFn(Serializable fn, String stepName) {
    byte[] bytes = serializedFns.computeIfAbsent(
        stepName, n -> SerializableUtils.serialize(fn, "the function of step '" + n + "'"));
    return SerializableUtils.deserialize(bytes, "the function of step '" + stepName + "'");
  }

  /** The processing time: virtual under a TestStream, else the wall clock. */
  ProcessingClock clock() {
    return clock;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void cancel() {
    cancelled = true;
    ExecutorService p = pool;
    if (p != null) {
      p.shutdownNow();
    }
  }

  void checkCancelled() {
    if (cancelled || failed) {
      throw new CancellationSignal();
    }
  }

  /** Thrown inside tasks to stop them after a cancel. */
  static final class CancellationSignal extends RuntimeException {
    CancellationSignal() {
      super("cancelled", null, false, false);
    }
  }

  @Override
  public void run() throws Exception {
    AtomicInteger threadIds = new AtomicInteger();
    pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "millrace-direct-" + threadIds.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      for (ExecutableStep s : graph.steps()) {
        if (s instanceof TestStreamStep t) {
          // Processing time is virtual from the very start under a TestStream.
          clock.set(t.stream().getStartProcessingTime());
          break;
        }
      }
      readSources();
      propagate();
      runTestStreams();
      runUnboundedSources();
      for (Map.Entry<ExecutableStep, Boundary> e : boundaries.entrySet()) {
        if (e.getValue().hasPending()) {
          throw new IllegalStateException(
              "internal error: step '" + e.getKey().name() + "' still holds input at the end");
        }
      }
    } finally {
      closeFileSinks();
      teardown();
      pool.shutdownNow();
    }
  }

  /** Commits what the text sinks' completed bundles wrote when the run stops for any reason. */
  private void closeFileSinks() {
    for (Map.Entry<ExecutableStep, Boundary> e : boundaries.entrySet()) {
      if (e.getValue() instanceof DirectFileSink sink) {
        try {
          sink.close();
        } catch (RuntimeException ex) {
          org.slf4j.LoggerFactory.getLogger(DirectExecutor.class)
              .warn("closing the text output of step '{}' failed", e.getKey().name(), ex);
        }
      }
    }
  }

  private void readSources() throws Exception {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof ReadStep r) {
        for (PCollection<?> out : r.outputs().values()) {
          watermarks.put(out, Timestamps.MIN);
        }
        for (BoundedSource<?> split : split(r)) {
          tasks.add(() -> {
            new FusedTask(this).runRead(r, split);
            return null;
          });
        }
      }
    }
    runAll(tasks);
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof ReadStep r) {
        for (PCollection<?> out : r.outputs().values()) {
          watermarks.put(out, Timestamps.MAX);
        }
      }
    }
  }

  /**
   * Replays every TestStream event by event: each element event is one bundle; after each event
   * the watermarks propagate and every boundary fires what the new watermark and processing time
   * allow, before the next event.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runTestStreams() throws Exception {
    List<TestStreamStep> streams = new ArrayList<>();
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof TestStreamStep t) {
        streams.add(t);
      }
    }
    if (streams.isEmpty()) {
      return;
    }
    int[] next = new int[streams.size()];
    boolean more = true;
    while (more) {
      more = false;
      for (int i = 0; i < streams.size(); i++) {
        TestStreamStep step = streams.get(i);
        TestStream stream = step.stream();
        List<TestStream.Event<?>> events = stream.getEvents();
        if (next[i] >= events.size()) {
          continue;
        }
        more = true;
        TestStream.Event<?> event = events.get(next[i]++);
        PCollection<?> out = step.outputs().values().iterator().next();
        if (event instanceof TestStream.ElementEvent e) {
          List<?> values = stream.decode(e);
          long[] ts = e.timestamps();
          FusedTask task = new FusedTask(this);
          Receiver r = task.receiverFor(out);
          for (int j = 0; j < values.size(); j++) {
            r.accept(WindowedValue.timestampedValueInGlobalWindow(values.get(j), ts[j]));
          }
          task.finish();
        } else if (event instanceof TestStream.WatermarkEvent w) {
          watermarks.put(out, w.watermark());
        } else if (event instanceof TestStream.ProcessingTimeEvent pt) {
          clock.set(clock.millis() + pt.advanceMillis());
        }
        propagate();
      }
    }
    for (TestStreamStep s : streams) {
      watermarks.put(s.outputs().values().iterator().next(), Timestamps.MAX);
    }
    propagate();
  }

  /**
   * Reads every unbounded source in rounds, each split's available data one bundle per round in
   * parallel, propagating watermarks after each round, until every split's watermark reaches the
   * end of time (or the pipeline is cancelled). Processing time is the wall clock.
   */
  private void runUnboundedSources() throws Exception {
    List<UnboundedReading> readings = new ArrayList<>();
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof UnboundedReadStep u) {
        readings.addAll(UnboundedReading.of(this, u));
        for (PCollection<?> out : u.outputs().values()) {
          watermarks.put(out, Timestamps.MIN);
        }
      }
    }
    while (!readings.isEmpty()) {
      List<Callable<Void>> tasks = new ArrayList<>();
      long[][] counts = new long[readings.size()][1];
      for (int i = 0; i < readings.size(); i++) {
        if (!readings.get(i).isDone()) {
          tasks.add(readings.get(i).readBundle(counts[i]));
        }
      }
      runAll(tasks);
      java.util.Map<PCollection<?>, Long> sourceWatermarks = new java.util.IdentityHashMap<>();
      boolean allDone = true;
      for (UnboundedReading r : readings) {
        PCollection<?> out = r.step().outputs().values().iterator().next();
        sourceWatermarks.merge(out, r.watermark(), Math::min);
        allDone &= r.isDone();
      }
      watermarks.putAll(sourceWatermarks);
      propagate();
      if (allDone) {
        return;
      }
      long total = 0;
      for (long[] c : counts) {
        total += c[0];
      }
      if (total == 0) {
        Thread.sleep(5);
      }
      checkCancelled();
    }
  }

  private List<? extends BoundedSource<?>> split(ReadStep r) {
    BoundedSource<?> source = r.source();
    try {
      long size = source.getEstimatedSizeBytes(options);
      long desired = Math.max(64 * 1024, size / (parallelism * 4L));
      if (size < 64 * 1024) {
        desired = Math.max(1, size / (parallelism * 2L));
      }
      List<? extends BoundedSource<?>> splits = source.split(desired, options);
      return splits.isEmpty() ? List.of(source) : splits;
    } catch (Exception e) {
      throw UserCodeException.forStep(r.name(), "splitting the source " + source, e);
    }
  }

  /** One topological pass: watermarks flow downstream and boundaries fire what they may. */
  private void propagate() throws Exception {
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof ReadStep || s instanceof TestStreamStep || s instanceof UnboundedReadStep) {
        continue;
      }
      long in = Timestamps.MAX;
      for (PCollection<?> pc : s.inputs()) {
        in = Math.min(in, watermarks.getOrDefault(pc, Timestamps.MIN));
      }
      Boundary b = boundaries.get(s);
      long out = in;
      if (b != null) {
        runAll(b.fire(in));
        out = b.outputWatermark(in);
      }
      for (PCollection<?> pc : s.outputs().values()) {
        watermarks.put(pc, out);
      }
    }
  }

  private void runAll(List<Callable<Void>> tasks) throws Exception {
    if (tasks.isEmpty()) {
      return;
    }
    List<Future<Void>> futures = new ArrayList<>();
    for (Callable<Void> t : tasks) {
      futures.add(pool.submit(t));
    }
    Throwable first = null;
    for (Future<Void> f : futures) {
      try {
        awaitOrCancel(f, futures);
      } catch (ExecutionException e) {
        if (first == null && !(e.getCause() instanceof CancellationSignal)) {
          first = e.getCause();
          failed = true;
        }
      } catch (java.util.concurrent.CancellationException e) {
        // cancelled with the pool
      }
    }
    if (first != null) {
      if (first instanceof Exception ex) {
        throw ex;
      }
      if (first instanceof Error err && !(err instanceof AssertionError)) {
        throw err;
      }
      throw new ExecutionException(first.getMessage(), first);
    }
    if (cancelled) {
      throw new CancellationSignal();
    }
  }

  /** Waits for a task, giving up (and cancelling every task) as soon as the run is cancelled. */
  private void awaitOrCancel(Future<Void> f, List<Future<Void>> all)
      throws ExecutionException, InterruptedException {
    while (true) {
      if (cancelled) {
        all.forEach(x -> x.cancel(true));
        throw new CancellationSignal();
      }
      try {
        f.get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        return;
      } catch (java.util.concurrent.TimeoutException e) {
        // check for cancellation again
      }
    }
  }

  private void teardown() {
    for (Map.Entry<ExecutableStep, DoFnPool> e : doFnPools.entrySet()) {
      for (DoFn<?, ?> fn : e.getValue().all()) {
        try {
          fn.teardown();
        } catch (Throwable t) {
          org.slf4j.LoggerFactory.getLogger(DirectExecutor.class)
              .warn("teardown of step '{}' failed", e.getKey().name(), t);
        }
      }
    }
  }
}
