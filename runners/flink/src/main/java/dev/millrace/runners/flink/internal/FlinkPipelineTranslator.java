package dev.millrace.runners.flink.internal;

import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.SerializableCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.CoderStateCodec;
import dev.millrace.runners.core.ExecutableStep.AssignWindowsStep;
import dev.millrace.runners.core.ExecutableStep.CombinePerKeyStep;
import dev.millrace.runners.core.ExecutableStep.FlattenStep;
import dev.millrace.runners.core.ExecutableStep.GroupByKeyStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutableStep.ReadStep;
import dev.millrace.runners.core.ExecutableStep.TestStreamStep;
import dev.millrace.runners.core.ExecutableStep.UnboundedReadStep;
import dev.millrace.runners.core.ExecutableStep.ViewStep;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.BoundedSource;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.state.internal.DoFnDeclarations;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionView;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.core.GroupAlsoByWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Translates a planned pipeline ({@link ExecutionGraph}) onto Flink's DataStream API:
 *
 * <ul>
 *   <li>a bounded read: the source is split on the client; Flink spreads the splits over the
 *       parallel instances, which read them ({@link ReadSplitsFunction});
 *   <li>an unbounded read: split on the client, read by a parallel source function that keeps
 *       the checkpoint marks in Flink checkpoints ({@link UnboundedSourceFunction});
 *   <li>a TestStream: replayed by one instance ({@link TestStreamOperator}); with a single
 *       TestStream, records carry their script step, the Flink watermark counts completed steps,
 *       every operator runs the steps one by one with the script's virtual event-time and
 *       processing-time clocks ({@link FlinkClock#script}), and held output watermarks travel
 *       as {@link ScriptMarker}s to every instance of a keyed consumer, so the job gives the
 *       direct runner's panes at any parallelism;
 *   <li>element-wise steps (ParDos without side inputs, window assignments): fused into one
 *       operator per stage ({@link StageOperator}), rooted at the collection they read;
 *   <li>a ParDo with side inputs: a two-input stage whose second input is the broadcast union
 *       of the side inputs ({@link SideInputStageOperator});
 *   <li>Flatten: {@code union};
 *   <li>GroupByKey: {@code keyBy} the encoded key, then the shared windowing core over Flink
 *       keyed state and timers ({@link GroupAlsoByWindowOperator});
 *   <li>a stateful ParDo: {@code keyBy} the encoded key, then the shared stateful DoFn runner over
 *       the same keyed state and timers ({@link StatefulDoFnOperator});
 *   <li>a lifted Combine: partial combining before the shuffle ({@link PartialCombineOperator}),
 *       then {@code keyBy} and the core merging accumulators.
 * </ul>
 *
 * Every stream's records are {@link WindowedValue}s serialised by the collection's coder.
 */
public final class FlinkPipelineTranslator {
  private final ExecutionGraph graph;
  private final StreamExecutionEnvironment env;
  private final PipelineOptions options;
  private final Map<PCollection<?>, DataStream<WindowedValue<Object>>> streams =
      new IdentityHashMap<>();
  private final Set<ExecutableStep> done = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<PCollectionView<?>, PCollection<?>> viewInputs = new HashMap<>();
  private final Map<String, Integer> uids = new HashMap<>();
  private FlinkClock clock = FlinkClock.real();
  /** Where script markers go (under a script clock), else null. */
  private MarkerRouting routing;
  /**
   * Collections produced with parallelism 1 (a TestStream and the stages fused after it): their
   * element-wise consumers keep parallelism 1, so no element overtakes a watermark on the way to
   * the first shuffle (with several channels, the receiver's watermark is their minimum, and an
   * element sent after a watermark on one channel could arrive before it on another).
   */
  private final Set<PCollection<?>> sequential = Collections.newSetFromMap(new IdentityHashMap<>());

  private FlinkPipelineTranslator(
      ExecutionGraph graph, StreamExecutionEnvironment env, PipelineOptions options) {
    this.graph = graph;
    this.env = env;
    this.options = options;
  }

  /** Adds the pipeline's operators to {@code env}. */
  public static void translate(
      ExecutionGraph graph, StreamExecutionEnvironment env, PipelineOptions options) {
    new FlinkPipelineTranslator(graph, env, options).translate();
  }

  /**
   * The temporary directories of the pipeline's text writes in a STREAMING job, to delete once
   * the job has finished (all their parts are committed by then).
   */
  public static List<java.nio.file.Path> streamingTextTempDirectories(ExecutionGraph graph) {
    return TextFileSinks.tempDirectories(graph);
  }

  /** Whether every collection of the pipeline is bounded (so it can run in BATCH mode). */
  public static boolean isBounded(ExecutionGraph graph) {
    for (ExecutableStep s : graph.steps()) {
      for (PCollection<?> pc : s.outputs().values()) {
        if (pc.isBounded() != PCollection.IsBounded.BOUNDED) {
          return false;
        }
      }
    }
    return true;
  }

  private void translate() {
    List<TestStreamStep> testStreams = new ArrayList<>();
    boolean unboundedReads = false;
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof TestStreamStep t) {
        testStreams.add(t);
      }
      unboundedReads |= s instanceof UnboundedReadStep;
    }
    if (testStreams.size() == 1 && !unboundedReads) {
      // One script drives the whole job: both clocks travel with it, step by step. Records
      // carry their step; held output watermarks travel as markers to every keyed instance.
      int parallelism = Math.max(1, env.getParallelism());
      int maxParallelism = env.getMaxParallelism() > 0 ? env.getMaxParallelism()
          : KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
      env.setParallelism(parallelism); // markers are routed to this many keyed instances
      env.setMaxParallelism(maxParallelism);
      clock = FlinkClock.script(testStreams.get(0).stream(), parallelism, maxParallelism);
      routing = MarkerRouting.of(parallelism, maxParallelism);
      if (env.getCheckpointConfig().getCheckpointInterval() > 0) {
        // Operators buffer the records of steps not yet complete in memory; a TestStream is a
        // finite test script, replayed from the start by a rerun rather than restored.
        org.slf4j.LoggerFactory.getLogger(FlinkPipelineTranslator.class).warn(
            "--checkpointingInterval is ignored for a pipeline driven by a TestStream: "
                + "the script is replayed deterministically and is not checkpointed");
        env.getCheckpointConfig().disableCheckpointing();
      }
    }
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof ParDoStep p && DoFnDeclarations.isStateful(p.parDo().getFn())) {
        StatefulParDoTranslation.keyedInput(p); // rejects what is not supported, before running
      }
      if (s instanceof ViewStep v) {
        viewInputs.put(v.view(), v.input());
        done.add(s);
      }
    }
    // Text writes in STREAMING mode: a two-phase sink instead of their expansion.
    List<ParDoStep> textSinks = TextFileSinks.claim(graph, env, done);
    for (ExecutableStep s : graph.steps()) {
      if (!done.contains(s)) {
        translateStep(s);
        done.add(s);
      }
    }
    for (ParDoStep w : textSinks) {
      TextFileSinks.write(streamOf(w.input(), w.name()), w, uid("sink:" + w.name()));
    }
  }

  private void translateStep(ExecutableStep s) {
    if (s instanceof ReadStep r) {
      read(r);
    } else if (s instanceof TestStreamStep t) {
      testStream(t);
    } else if (s instanceof ParDoStep sp && DoFnDeclarations.isStateful(sp.parDo().getFn())) {
      statefulParDo(sp);
    } else if (s instanceof ParDoStep p && !p.sideInputs().isEmpty()) {
      sideInputStage(p);
    } else if (StageBuilder.isFusable(s)) {
      PCollection<?> input = s.inputs().get(0);
      List<ExecutableStep> roots = new ArrayList<>();
      for (ExecutableStep c : graph.consumersOf(input)) {
        if (StageBuilder.isFusable(c) && !done.contains(c)) { // e.g. a text write's sink step
          roots.add(c);
        }
      }
      stage(input, roots);
    } else if (s instanceof FlattenStep f) {
      flatten(f);
    } else if (s instanceof GroupByKeyStep g) {
      groupByKey(g);
    } else if (s instanceof CombinePerKeyStep c) {
      combine(c);
    } else if (s instanceof UnboundedReadStep u) {
      unboundedRead(u);
    } else {
      throw new UnsupportedOperationException(
          "The Flink runner cannot execute step '" + s.name() + "' (" + s.getClass().getSimpleName()
              + ")");
    }
  }

  private String uid(String base) {
    int n = uids.merge(base, 1, Integer::sum);
    return n == 1 ? base : base + "#" + n;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static TypeInformation<WindowedValue<Object>> typeOf(PCollection<?> pc) {
    return (TypeInformation) CoderTypeInformation.of(new WindowedValueCoder<>(
        (Coder<Object>) pc.getCoder(), pc.getWindowingStrategy().windowFn().windowCodec()));
  }

  private static PCollection<?> onlyOutput(ExecutableStep s) {
    return s.outputs().values().iterator().next();
  }

  private DataStream<WindowedValue<Object>> streamOf(PCollection<?> pc, String step) {
    DataStream<WindowedValue<Object>> s = streams.get(pc);
    if (s == null) {
      throw new IllegalStateException(
          "internal error: the input " + pc.getName() + " of step '" + step + "' was not translated");
    }
    return s;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void read(ReadStep r) {
    List<BoundedSource<Object>> splits = new ArrayList<>();
    BoundedSource<Object> source = (BoundedSource<Object>) r.source();
    int parallelism = Math.max(1, env.getParallelism());
    try {
      long size = source.getEstimatedSizeBytes(options);
      long desired = Math.max(1, size / (parallelism * 4L));
      splits.addAll((List) source.split(desired, options));
    } catch (Exception e) {
      throw UserCodeException.forStep(r.name(), "splitting the source " + source, e);
    }
    if (splits.isEmpty()) {
      splits.add(source);
    }
    TypeInformation<BoundedSource<Object>> splitType =
        (TypeInformation) CoderTypeInformation.of(SerializableCoder.of(BoundedSource.class));
    PCollection<?> out = onlyOutput(r);
    DataStream<WindowedValue<Object>> read = env.fromData(splits, splitType)
        .name(r.name() + "/splits").uid(uid(r.name() + "/splits"))
        .rebalance()
        .flatMap(new ReadSplitsFunction(r.name(), options), typeOf(out))
        .name(r.name()).uid(uid(r.name()));
    streams.put(out, read);
  }

  private void unboundedRead(UnboundedReadStep u) {
    List<? extends dev.millrace.sources.UnboundedSource<?, ?>> splits;
    int parallelism = Math.max(1, env.getParallelism());
    try {
      splits = u.source().split(parallelism, options);
    } catch (Exception e) {
      throw UserCodeException.forStep(u.name(), "splitting the source " + u.source(), e);
    }
    if (splits.isEmpty()) {
      splits = List.of(u.source());
    }
    PCollection<?> out = onlyOutput(u);
    DataStream<WindowedValue<Object>> read = env
        .addSource(new UnboundedSourceFunction(u.name(), splits, options), u.name(), typeOf(out))
        .uid(uid(u.name()));
    streams.put(out, read);
  }

  private void testStream(TestStreamStep t) {
    for (TestStream.Event<?> e : t.stream().getEvents()) {
      if (e instanceof TestStream.ProcessingTimeEvent<?> && !clock.isScript()) {
        throw new UnsupportedOperationException("Step '" + t.name() + "' advances processing time "
            + "in a TestStream, but the Flink runner supports virtual processing time only with a "
            + "single TestStream and no unbounded source in the pipeline. Run the test with "
            + "--runner=direct.");
      }
    }
    PCollection<?> out = onlyOutput(t);
    SingleOutputStreamOperator<WindowedValue<Object>> replay =
        env.fromData(List.of(0), Types.INT).name(t.name() + "/start").uid(uid(t.name() + "/start"))
            .transform(t.name(), typeOf(out), new TestStreamOperator(t.stream(), clock))
            .uid(uid(t.name()))
            .setParallelism(1);
    streams.put(out, replay);
    sequential.add(out);
  }

  private void stage(PCollection<?> input, List<ExecutableStep> roots) {
    StageBuilder.Built built = StageBuilder.build(graph, input, roots, done);
    SingleOutputStreamOperator<WindowedValue<Object>> op = streamOf(input, built.name()).transform(
        built.name(), built.outputType(), new StageOperator(
            uid("stage:" + built.firstStep()), built.plan(), options, built.exitTags()))
        .uid(uid("stage:" + built.firstStep()));
    keepSequential(op, input, built.exits());
    registerExits(built, op);
  }

  /** A non-keyed operator reading a sequential collection runs with parallelism 1 too. */
  private void keepSequential(
      SingleOutputStreamOperator<?> op, PCollection<?> input, List<PCollection<?>> outputs) {
    if (sequential.contains(input)) {
      op.setParallelism(1);
      sequential.addAll(outputs);
    }
  }

  private void registerExits(
      StageBuilder.Built built, SingleOutputStreamOperator<WindowedValue<Object>> op) {
    for (int i = 0; i < built.exits().size(); i++) {
      PCollection<?> pc = built.exits().get(i);
      streams.put(pc, built.exitTags() == null ? op : op.getSideOutput(built.exitTags().get(i)));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void sideInputStage(ParDoStep p) {
    List<PCollectionView<?>> views = p.sideInputs();
    List<Coder<Object>> coders = new ArrayList<>();
    DataStream<UnionCoder.Tagged> side = null;
    List<DataStream<WindowedValue<Object>>> inputs = new ArrayList<>();
    for (PCollectionView<?> view : views) {
      PCollection<?> viewed = viewInputs.get(view);
      if (viewed == null) {
        throw new IllegalStateException("the side input " + view + " of step '" + p.name()
            + "' is not produced by a View transform of this pipeline");
      }
      inputs.add(streamOf(viewed, p.name()));
      coders.add((Coder<Object>) ((CoderTypeInformation) typeOf(viewed)).getCoder());
    }
    TypeInformation<UnionCoder.Tagged> unionType = CoderTypeInformation.of(new UnionCoder(coders));
    for (int i = 0; i < inputs.size(); i++) {
      DataStream<UnionCoder.Tagged> tagged =
          inputs.get(i).map(new TagFunction(i), unionType).name(p.name() + "/side" + i);
      side = side == null ? tagged : side.union(tagged);
    }
    StageBuilder.Built built = StageBuilder.build(graph, p.input(), List.of(p), done);
    SingleOutputStreamOperator<WindowedValue<Object>> op = streamOf(p.input(), p.name())
        .connect(side.broadcast())
        .transform(built.name(), built.outputType(), new SideInputStageOperator(
            uid("stage:" + p.name()), built.plan(), options, built.exitTags(), views, clock,
            isBounded(p.input())))
        .uid(uid("stage:" + p.name()));
    keepSequential(op, p.input(), built.exits());
    registerExits(built, op);
  }

  /** A stateful ParDo: keyBy the encoded key, then {@link StatefulDoFnOperator}. */
  private void statefulParDo(ParDoStep p) {
    Coder<?> keyCoder = StatefulParDoTranslation.keyedInput(p).getKeyCoder();
    streams.putAll(StatefulParDoTranslation.apply(p, keyed(p.input(), keyCoder, p.name()),
        options, clock, uid("stateful:" + p.name())));
  }

  private void flatten(FlattenStep f) {
    PCollection<?> out = onlyOutput(f);
    if (f.inputs().isEmpty()) {
      throw new UnsupportedOperationException("Step '" + f.name() + "' flattens no collections, "
          + "which the Flink runner does not support yet");
    }
    TypeInformation<WindowedValue<Object>> type = typeOf(out);
    DataStream<WindowedValue<Object>> result = null;
    for (PCollection<?> in : f.inputs()) {
      DataStream<WindowedValue<Object>> s = streamOf(in, f.name());
      if (!s.getType().equals(type) || (result != null && s == result)) {
        s = s.map(v -> v, type).name(f.name()).setParallelism(s.getParallelism());
      }
      if (sequential.contains(in)) {
        // Under a TestStream, what reads a union with the script's own branch stays in one
        // instance too (it would otherwise be rebalanced over instances without a shuffle key).
        sequential.add(out);
      }
      result = result == null ? s : result.union(s);
    }
    streams.put(out, result);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void groupByKey(GroupByKeyStep g) {
    KvCoder<?, ?> kv = kvCoder(g.input(), g.name());
    GroupAlsoByWindow<?, ?> core =
        GroupAlsoByWindow.grouping(g.strategy(), CoderStateCodec.of((Coder) kv.getValueCoder()));
    PCollection<?> out = onlyOutput(g);
    String id = uid("gbk:" + g.name());
    DataStream<WindowedValue<Object>> grouped = keyed(g.input(), kv.getKeyCoder(), g.name())
        .transform(g.name(), typeOf(out),
            new GroupAlsoByWindowOperator(id, g.name(), core, kv.getKeyCoder(), true, clock,
                isBounded(g.input()), batchExecution()))
        .uid(id);
    streams.put(out, grouped);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void combine(CombinePerKeyStep c) {
    KvCoder<?, ?> kv = kvCoder(c.input(), c.name());
    Coder<Object> accCoder = (Coder<Object>) c.accumulatorCoder();
    // Partials carry their key encoded (as the shuffle keys them), so the receiving side neither
    // decodes the user's key nor encodes it again to find the Flink key.
    TypeInformation<WindowedValue<Object>> partialType = (TypeInformation) CoderTypeInformation.of(
        new WindowedValueCoder<>(KvCoder.of((Coder) EncodedKey.KeyCoder.INSTANCE, accCoder),
            c.strategy().windowFn().windowCodec()));
    String partialId = uid("partial:" + c.name());
    SingleOutputStreamOperator<WindowedValue<Object>> partial = streamOf(c.input(), c.name())
        .transform(c.name() + "/partial", partialType, new PartialCombineOperator(
            partialId, c.name(), c.fn(), kv.getKeyCoder(), c.strategy().timestampCombiner()))
        .uid(partialId);
    if (sequential.contains(c.input())) {
      partial.setParallelism(1);
    }
    GroupAlsoByWindow<?, ?> core = GroupAlsoByWindow.combining(
        c.strategy(), new AccumulatorAggregation(c.fn()), CoderStateCodec.of(accCoder));
    PCollection<?> out = onlyOutput(c);
    String id = uid("combine:" + c.name());
    DataStream<WindowedValue<Object>> combined = partial
        .keyBy(new KeyFunction(EncodedKey.KeyCoder.INSTANCE, routing),
            CoderTypeInformation.ofKey(EncodedKey.KeyCoder.INSTANCE))
        .transform(c.name(), typeOf(out),
            SortedCombineOperator.orCore(graph, options, c, id, kv.getKeyCoder(),
                new GroupAlsoByWindowOperator(id, c.name(), core, kv.getKeyCoder(), false, clock,
                    isBounded(c.input()), batchExecution())))
        .uid(id);
    streams.put(out, combined);
  }

  private org.apache.flink.streaming.api.datastream.KeyedStream<WindowedValue<Object>, EncodedKey>
      keyed(PCollection<?> input, Coder<?> keyCoder, String step) {
    return streamOf(input, step).keyBy(
        new KeyFunction(keyCoder, routing),
        CoderTypeInformation.ofKey(EncodedKey.KeyCoder.INSTANCE));
  }

  /** Whether the job runs in Flink's BATCH execution mode. */
  private boolean batchExecution() {
    return env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH;
  }

  private static boolean isBounded(PCollection<?> pc) {
    return pc.isBounded() == PCollection.IsBounded.BOUNDED;
  }

  private static KvCoder<?, ?> kvCoder(PCollection<?> input, String step) {
    if (!(input.getCoder() instanceof KvCoder<?, ?> kv)) {
      throw new IllegalArgumentException("Step '" + step + "' groups " + input.getName()
          + ", whose coder " + input.getCoder() + " is not a KvCoder");
    }
    return kv;
  }

  /** Extracts the encoded grouping key of a KV element. */
  static final class KeyFunction implements KeySelector<WindowedValue<Object>, EncodedKey> {
    private static final long serialVersionUID = 1L;
    private final Coder<Object> keyCoder;
    private final MarkerRouting routing;
    /** Whether the elements' keys are encoded keys already (a partial combine's output). */
    private final boolean preEncoded;

    /** @param routing where script markers go, or null without a script clock */
    @SuppressWarnings("unchecked")
    KeyFunction(Coder<?> keyCoder, MarkerRouting routing) {
      this.keyCoder = (Coder<Object>) keyCoder;
      this.routing = routing;
      this.preEncoded = keyCoder instanceof EncodedKey.KeyCoder;
    }

    @Override
    public EncodedKey getKey(WindowedValue<Object> value) {
      if (routing != null && ScriptMarker.is(value)) {
        return routing.keyOf(ScriptMarker.of(value));
      }
      Object key = ((KV<?, ?>) value.value()).getKey();
      return key instanceof EncodedKey encoded && preEncoded
          ? encoded // a partial combine's output: keyed by its encoded key already
          : EncodedKey.of(keyCoder, key);
    }
  }

  /** Tags a side input's element with the side input's index. */
  static final class TagFunction
      implements org.apache.flink.api.common.functions.MapFunction<WindowedValue<Object>,
          UnionCoder.Tagged> {
    private static final long serialVersionUID = 1L;
    private final int index;

    TagFunction(int index) {
      this.index = index;
    }

    @Override
    public UnionCoder.Tagged map(WindowedValue<Object> value) {
      return new UnionCoder.Tagged(index, value);
    }
  }
}
