package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.execution.InProcessExecution;
import dev.millrace.runners.core.execution.DoFnPool;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.metrics.MetricName;
import dev.millrace.runners.core.CoderStateCodec;
import dev.millrace.runners.core.CombineFnAggregation;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.CombinePerKeyStep;
import dev.millrace.runners.core.ExecutableStep.GroupByKeyStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutableStep.ReadStep;
import dev.millrace.runners.core.ExecutableStep.TestStreamStep;
import dev.millrace.runners.core.ExecutableStep.ViewStep;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.runners.core.MetricsContainerImpl;
import dev.millrace.runners.core.MetricsRegistry;
import dev.millrace.runners.core.SerializableUtils;
import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.GroupAlsoByWindow;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a planned pipeline in micro-batches. Each batch: (1) reads from every source what it
 * has, up to {@code --maxBatchSize} records or {@code --batchInterval}, in parallel per split,
 * pushing the elements through the fused element-wise steps into the boundaries (or, under a
 * TestStream, replays exactly one scripted event); (2) samples processing time once; (3) in
 * topological order computes each step's input watermark and lets each boundary process its
 * buffered input and fire due timers, in parallel over key partitions; (4) commits a checkpoint
 * when {@code --checkpointDir} is set; (5) records the batch's metrics and logs one line.
 */
final class MicroBatchExecutor implements InProcessExecution {
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchRunner.class);

  final ExecutionGraph graph;
  final MicroBatchOptions options;
  final int parallelism;
  final int partitions;
  private final MicroBatchPipelineResult result;
  private final MetricsRegistry metrics = new MetricsRegistry();
  final Map<PCollection<?>, Long> watermarks = new ConcurrentHashMap<>();
  final Map<ExecutableStep, Boundary> boundaries = new IdentityHashMap<>();
  private final Map<ExecutableStep, Integer> indexes = new IdentityHashMap<>();
  private final Map<ExecutableStep, DoFnPool> doFnPools = new ConcurrentHashMap<>();
  private final Map<String, byte[]> serializedFns = new ConcurrentHashMap<>();
  private final Map<ExecutableStep, LongAdder> sinkCounters = new IdentityHashMap<>();
  private final LongAdder recordsOut = new LongAdder();
  private final ViewStore views;
  final BatchSources sources;
  private final CheckpointFiles checkpoints;
  private final BatchRunner batchRunner;
  long batchId;
  private volatile boolean cancelled;

  MicroBatchExecutor(ExecutionGraph graph, MicroBatchOptions options, MicroBatchPipelineResult r) {
    this.graph = graph;
    this.options = options;
    this.result = r;
    int p = options.getParallelism();
    this.parallelism = p > 0 ? p : Runtime.getRuntime().availableProcessors();
    this.partitions = Math.max(4, parallelism * 4);
    List<ViewStep> viewSteps = new ArrayList<>();
    List<ExecutableStep> steps = graph.steps();
    for (int i = 0; i < steps.size(); i++) {
      ExecutableStep s = steps.get(i);
      indexes.put(s, i);
      Boundary b = createBoundary(s);
      if (b != null) {
        boundaries.put(s, b);
      }
      if (s instanceof ViewStep v) {
        viewSteps.add(v);
      }
      if (isSink(s)) {
        sinkCounters.put(s, recordsOut);
      }
    }
    this.views = new ViewStore(
        v -> watermarks.getOrDefault(v.getPCollection(), Timestamps.MIN), viewSteps);
    this.sources = new BatchSources(this);
    String dir = options.getCheckpointDir();
    this.checkpoints = dir == null || dir.isEmpty() ? null : new CheckpointFiles(Path.of(dir));
    this.batchRunner = new BatchRunner(this);
  }

  private boolean isSink(ExecutableStep s) {
    if (s instanceof ViewStep || s instanceof ReadStep || s instanceof TestStreamStep
        || s instanceof ExecutableStep.UnboundedReadStep) {
      return false;
    }
    for (PCollection<?> out : s.outputs().values()) {
      if (!graph.consumersOf(out).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private Boundary createBoundary(ExecutableStep s) {
    dev.millrace.internal.TextFileSinkSpec textSink =
        dev.millrace.runners.core.files.TextPartFiles.sinkOf(graph, s);
    if (textSink != null) {
      return new BatchFileSink(this, s, textSink);
    }
    if (s instanceof GroupByKeyStep g) {
      KvCoder<?, ?> kv = (KvCoder<?, ?>) g.input().getCoder();
      return new KeyedGrouping(this, g.name(), g.input(), g.outputs().values().iterator().next(),
          GroupAlsoByWindow.grouping(g.strategy(), CoderStateCodec.of(kv.getValueCoder())),
          KeyedGrouping::groupedValues, partitions);
    }
    if (s instanceof CombinePerKeyStep c) {
      if (options.getPreCombine() && LiftedCombine.applies(c.input(), c.strategy())) {
        return new LiftedCombine(this, c, partitions);
      }
      return new KeyedGrouping(this, c.name(), c.input(), c.outputs().values().iterator().next(),
          combiningCore(c), v -> v, partitions);
    }
    if (s instanceof ParDoStep p
        && dev.millrace.transforms.state.internal.DoFnDeclarations.isStateful(p.parDo().getFn())) {
      return new StatefulStage(this, p, partitions);
    }
    if (s instanceof ParDoStep p && !p.sideInputs().isEmpty()) {
      return new SideInputParDo(this, p);
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private GroupAlsoByWindow<?, ?> combiningCore(CombinePerKeyStep c) {
    CombineFn fn = (CombineFn) cloneFn(c.fn(), c.name());
    return GroupAlsoByWindow.combining(c.strategy(), new CombineFnAggregation<>(fn),
        CoderStateCodec.of((Coder) c.accumulatorCoder()));
  }

  ExecutionGraph graph() {
    return graph;
  }

  MicroBatchOptions options() {
    return options;
  }

  int parallelism() {
    return parallelism;
  }

  @Override
  public MetricsRegistry metrics() {
    return metrics;
  }

  BatchRunner batchRunner() {
    return batchRunner;
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

  LongAdder sinkCounter(ExecutableStep s) {
    return sinkCounters.get(s);
  }

  DoFnPool doFnPool(ParDoStep step) {
    return doFnPools.computeIfAbsent(step, s -> new DoFnPool(step.name(), step.parDo().getFn()));
  }

  /** A fresh deserialised copy of a user function. */
  Object cloneFn(Serializable fn, String stepName) {
    byte[] bytes = serializedFns.computeIfAbsent(
        stepName, n -> SerializableUtils.serialize(fn, "the function of step '" + n + "'"));
    return SerializableUtils.deserialize(bytes, "the function of step '" + stepName + "'");
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public void run() throws Exception {
    AtomicInteger threadIds = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "millrace-microbatch-" + threadIds.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    batchRunner.setPool(pool);
    try {
      sources.open();
      if (checkpoints != null && restore()) {
        StaleTempDirs.deleteAfterFinishedRun(graph);
        return;
      }
      boolean finished = false;
      while (!finished && !cancelled) {
        finished = runOneBatch();
      }
      if (finished && checkpoints != null) {
        StaleTempDirs.deleteAfterFinishedRun(graph);
      }
    } finally {
      sources.close();
      teardown();
      pool.shutdownNow();
    }
  }

  /** Restores the newest checkpoint; true if it says the job already finished. */
  private boolean restore() throws Exception {
    var latest = checkpoints.latest();
    if (latest.isEmpty()) {
      return false;
    }
    boolean finished = new ExecutorCheckpoint(this).restore(latest.get());
    LOG.info("Resuming from the checkpoint of batch {} in {}", batchId, options.getCheckpointDir());
    if (finished) {
      LOG.warn("The checkpoint in {} is of a job that already finished; nothing to do. Delete "
          + "the directory to run the pipeline again.", options.getCheckpointDir());
    }
    return finished;
  }

  private boolean runOneBatch() throws Exception {
    long startNanos = System.nanoTime();
    batchId++;
    long before = recordsOut.sum();
    long in = sources.readBatch(startNanos, batchRunner);
    long processingTime = sources.processingTime();
    batchRunner.propagate(processingTime);
    boolean finished = sources.allDone() && batchRunner.allAtEndOfTime();
    if (sources.allDone() && !finished && batchRunner.idleAfterEnd()) {
      LOG.warn("Stopping although some watermarks did not reach the end of time: {}",
          batchRunner.describeWatermarks());
      finished = true;
    }
    if (checkpoints != null) {
      checkpoints.commit(batchId, new ExecutorCheckpoint(this).snapshot(finished));
    }
    sources.finalizeMarks();
    commitFileSinks(finished);
    record(startNanos, in, recordsOut.sum() - before, processingTime);
    return finished;
  }

  /** Renames the batch's text files, now that its checkpoint (if any) is committed. */
  private void commitFileSinks(boolean finished) throws java.io.IOException {
    for (Boundary b : boundaries.values()) {
      if (b instanceof BatchFileSink sink) {
        sink.commit(finished);
      }
    }
  }

  private void record(long startNanos, long in, long out, long processingTime) {
    long wm = batchRunner.pipelineWatermark();
    long lag = wm > Timestamps.MIN && wm < Timestamps.MAX ? Math.max(0, processingTime - wm) : 0;
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    BatchMetrics m = new BatchMetrics(batchId, millis, in, out, wm, lag, processingTime);
    result.addBatch(m);
    MetricsContainerImpl c = metrics.forStep(MicroBatchPipelineResult.RUNNER_STEP);
    c.getCounter(MetricName.named("millrace", "batches")).inc(1);
    c.getCounter(MetricName.named("millrace", "recordsIn")).inc(in);
    c.getCounter(MetricName.named("millrace", "recordsOut")).inc(out);
    c.getDistribution(MetricName.named("millrace", "batchDurationMillis")).update(millis);
    c.getGauge(MetricName.named("millrace", "watermarkMillis")).set(wm);
    c.getGauge(MetricName.named("millrace", "watermarkLagMillis")).set(lag);
    LOG.info("batch {}: {} records in, {} out, {} ms, watermark {}, lag {} ms{}", batchId, in, out,
        millis, Timestamps.format(wm), lag, checkpoints == null ? "" : ", committed");
  }

  private void teardown() {
    for (Map.Entry<ExecutableStep, DoFnPool> e : doFnPools.entrySet()) {
      for (DoFn<?, ?> fn : e.getValue().all()) {
        try {
          fn.teardown();
        } catch (Throwable t) {
          LOG.warn("teardown of step '{}' failed", e.getKey().name(), t);
        }
      }
    }
  }
}
