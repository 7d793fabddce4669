package dev.millrace.runners.core;

import dev.millrace.Pipeline;
import dev.millrace.coders.CannotProvideCoderException;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.runners.PipelineVisitor;
import dev.millrace.runners.TransformNode;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Read;
import dev.millrace.transforms.View;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.values.PValue;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.AfterAll;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.OrFinally;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline planned for execution: its {@link ExecutableStep}s in topological order and, for
 * every collection, the steps that consume it. Planning lifts {@code Combine.perKey} where that
 * cannot change results (non-merging windows, no element-count trigger, a known accumulator
 * coder); otherwise the combine runs as its expansion (GroupByKey + combining ParDo).
 */
public final class ExecutionGraph {
  private final List<ExecutableStep> steps;
  private final Map<PCollection<?>, List<ExecutableStep>> consumers;

  private ExecutionGraph(
      List<ExecutableStep> steps, Map<PCollection<?>, List<ExecutableStep>> consumers) {
    this.steps = steps;
    this.consumers = consumers;
  }

  /** Plans the pipeline, lifting combines when {@code liftCombines}. */
  public static ExecutionGraph of(Pipeline pipeline, boolean liftCombines) {
    List<ExecutableStep> steps = new ArrayList<>();
    pipeline.traverseTopologically(new PipelineVisitor() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformNode node) {
        if (liftCombines && node.getTransform() instanceof Combine.PerKey<?, ?, ?> perKey) {
          ExecutableStep lifted = tryLift(pipeline, node, perKey);
          if (lifted != null) {
            steps.add(lifted);
            return CompositeBehavior.DO_NOT_ENTER_TRANSFORM;
          }
        }
        return CompositeBehavior.ENTER_TRANSFORM;
      }

      @Override
      public void visitPrimitiveTransform(TransformNode node) {
        steps.add(toStep(node));
      }
    });
    Map<PCollection<?>, List<ExecutableStep>> consumers = new IdentityHashMap<>();
    for (ExecutableStep s : steps) {
      for (PCollection<?> in : s.inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(s);
      }
    }
    return new ExecutionGraph(List.copyOf(steps), consumers);
  }

  public List<ExecutableStep> steps() {
    return steps;
  }

  /** The steps reading the collection as main input (empty if none). */
  public List<ExecutableStep> consumersOf(PCollection<?> pc) {
    return consumers.getOrDefault(pc, List.of());
  }

  private static Map<TupleTag<?>, PCollection<?>> outputs(TransformNode node) {
    Map<TupleTag<?>, PCollection<?>> out = new LinkedHashMap<>();
    for (Map.Entry<TupleTag<?>, PValue> e : node.getOutputs().entrySet()) {
      if (e.getValue() instanceof PCollection<?> pc) {
        out.put(e.getKey(), pc);
      }
    }
    return out;
  }

  private static List<PCollection<?>> mainInputs(TransformNode node) {
    List<PCollection<?>> ins = new ArrayList<>();
    for (PValue v : node.getInputs().values()) {
      if (v instanceof PCollection<?> pc) {
        ins.add(pc);
      }
    }
    return ins;
  }

  private static ExecutableStep toStep(TransformNode node) {
    String name = node.getFullName();
    Object t = node.getTransform();
    List<PCollection<?>> ins = mainInputs(node);
    if (t instanceof Read.Bounded<?> r) {
      return new ExecutableStep.ReadStep(name, r.getSource(), outputs(node));
    }
    if (t instanceof Read.Unbounded<?> u) {
      return new ExecutableStep.UnboundedReadStep(name, u.getSource(), outputs(node));
    }
    if (t instanceof TestStream<?> ts) {
      return new ExecutableStep.TestStreamStep(name, ts, outputs(node));
    }
    if (t instanceof ParDo.Primitive<?, ?> p) {
      Map<TupleTag<?>, PCollection<?>> outs = new LinkedHashMap<>();
      // Key the outputs by the ParDo's own tags, whatever the tuple used.
      Map<TupleTag<?>, PCollection<?>> raw = outputs(node);
      if (raw.size() == 1 && p.getAdditionalOutputTags().isEmpty()) {
        outs.put(p.getMainOutputTag(), raw.values().iterator().next());
      } else {
        outs.putAll(raw);
      }
      return new ExecutableStep.ParDoStep(name, p, ins.get(0), outs);
    }
    if (t instanceof Window.Assign<?> a) {
      return new ExecutableStep.AssignWindowsStep(name, a.getWindowFn(), ins.get(0), outputs(node));
    }
    if (t instanceof Flatten.PCollections<?>) {
      return new ExecutableStep.FlattenStep(name, ins, outputs(node));
    }
    if (t instanceof GroupByKey<?, ?>) {
      return new ExecutableStep.GroupByKeyStep(name, ins.get(0), outputs(node));
    }
    if (t instanceof View.CreatePCollectionView<?, ?> v) {
      return new ExecutableStep.ViewStep(name, v.getView(), ins.get(0));
    }
    throw new UnsupportedOperationException(
        "Step '" + name + "' is a primitive " + t.getClass().getName()
            + " that this runner does not know how to execute");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ExecutableStep tryLift(
      Pipeline p, TransformNode node, Combine.PerKey<?, ?, ?> perKey) {
    PCollection<?> input = mainInputs(node).get(0);
    WindowingStrategy strategy = input.getWindowingStrategy();
    if (strategy.windowFn().isMerging() || countsElements(strategy.trigger())) {
      return null;
    }
    if (!(input.getCoder() instanceof KvCoder<?, ?> kv)) {
      return null;
    }
    CombineFn fn = perKey.getFn();
    Coder<?> accCoder;
    try {
      accCoder = fn.getAccumulatorCoder(p.getCoderRegistry(), (Coder) kv.getValueCoder());
    } catch (CannotProvideCoderException | RuntimeException e) {
      return null;
    }
    return new ExecutableStep.CombinePerKeyStep(
        node.getFullName(), fn, accCoder, input, outputs(node));
  }

  /** Whether the trigger depends on element counts, which pre-combining would change. */
  static boolean countsElements(Trigger t) {
    if (t == null) {
      return false;
    }
    if (t instanceof AfterPane) {
      return true;
    }
    if (t instanceof Repeatedly r) {
      return countsElements(r.trigger());
    }
    if (t instanceof AfterWatermark aw) {
      return countsElements(aw.early()) || countsElements(aw.late());
    }
    if (t instanceof OrFinally of) {
      return countsElements(of.trigger()) || countsElements(of.until());
    }
    List<Trigger> subs = t instanceof AfterEach ae ? ae.triggers()
        : t instanceof AfterFirst af ? af.triggers()
        : t instanceof AfterAll aa ? aa.triggers() : List.of();
    return subs.stream().anyMatch(ExecutionGraph::countsElements);
  }
}
