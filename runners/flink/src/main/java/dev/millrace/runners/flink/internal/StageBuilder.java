package dev.millrace.runners.flink.internal;

import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.AssignWindowsStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.values.PCollection;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * Builds the {@link StagePlan} of a fused stage: starting from the root steps reading one
 * collection, it adds every element-wise consumer of their outputs, recursively, and marks as an
 * exit each collection that a step outside the stage reads.
 */
final class StageBuilder {
  /** A built stage: its plan, the exit collections, and how they leave the operator. */
  record Built(
      StagePlan plan,
      List<PCollection<?>> exits,
      List<OutputTag<WindowedValue<Object>>> exitTags,
      TypeInformation<WindowedValue<Object>> outputType,
      String firstStep,
      String name) {}

  private final ExecutionGraph graph;
  private final Set<ExecutableStep> done;
  private final List<StagePlan.Node> nodes = new ArrayList<>();
  private final List<List<Integer>> consumers = new ArrayList<>();
  private final List<PCollection<?>> collections = new ArrayList<>();
  private final Set<ExecutableStep> members =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  private StageBuilder(ExecutionGraph graph, Set<ExecutableStep> done) {
    this.graph = graph;
    this.done = done;
  }

  /** Whether a step can run fused inside a stage. */
  static boolean isFusable(ExecutableStep s) {
    // Stateful ParDos are not element-wise: they run keyed (StatefulDoFnOperator).
    return (s instanceof ParDoStep p && p.isElementWise()) || s instanceof AssignWindowsStep;
  }

  /** Builds the stage reading {@code input} through {@code roots}; marks its steps done. */
  static Built build(
      ExecutionGraph graph, PCollection<?> input, List<ExecutableStep> roots,
      Set<ExecutableStep> done) {
    StageBuilder b = new StageBuilder(graph, done);
    b.newCollection(input);
    for (ExecutableStep s : roots) {
      b.add(s, 0);
    }
    return b.finish(roots.get(0).name());
  }

  private int newCollection(PCollection<?> pc) {
    collections.add(pc);
    consumers.add(new ArrayList<>());
    return collections.size() - 1;
  }

  private void add(ExecutableStep step, int inputId) {
    members.add(step);
    done.add(step);
    consumers.get(inputId).add(nodes.size());
    Map<PCollection<?>, Integer> outIds = new LinkedHashMap<>();
    if (step instanceof ParDoStep p) {
      Map<TupleTag<?>, Integer> outs = new LinkedHashMap<>();
      for (Map.Entry<TupleTag<?>, PCollection<?>> e : p.outputs().entrySet()) {
        int id = newCollection(e.getValue());
        outs.put(e.getKey(), id);
        outIds.put(e.getValue(), id);
      }
      nodes.add(new StagePlan.ParDoNode(p.name(), p.parDo().getFn(),
          p.parDo().getMainOutputTag(), p.parDo().getAdditionalOutputTags(), outs));
    } else {
      AssignWindowsStep a = (AssignWindowsStep) step;
      PCollection<?> out = a.outputs().values().iterator().next();
      int id = newCollection(out);
      outIds.put(out, id);
      nodes.add(new StagePlan.AssignNode(a.name(), a.windowFn(), id));
    }
    for (Map.Entry<PCollection<?>, Integer> e : outIds.entrySet()) {
      for (ExecutableStep c : graph.consumersOf(e.getKey())) {
        if (isFusable(c) && !done.contains(c)) {
          add(c, e.getValue());
        }
      }
    }
  }

  private Built finish(String firstStep) {
    int[] exitOf = new int[collections.size()];
    List<PCollection<?>> exits = new ArrayList<>();
    exitOf[0] = -1;
    for (int id = 1; id < collections.size(); id++) {
      exitOf[id] = -1;
      for (ExecutableStep c : graph.consumersOf(collections.get(id))) {
        if (!members.contains(c)) {
          exitOf[id] = exits.size();
          exits.add(collections.get(id));
          break;
        }
      }
    }
    List<int[]> consumerArrays = new ArrayList<>();
    for (List<Integer> c : consumers) {
      consumerArrays.add(c.stream().mapToInt(Integer::intValue).toArray());
    }
    StagePlan plan = new StagePlan(List.copyOf(nodes), consumerArrays, exitOf, exits.size());
    List<OutputTag<WindowedValue<Object>>> tags = null;
    TypeInformation<WindowedValue<Object>> outputType =
        FlinkPipelineTranslator.typeOf(exits.isEmpty() ? collections.get(0) : exits.get(0));
    if (exits.size() > 1) {
      tags = new ArrayList<>();
      for (int i = 0; i < exits.size(); i++) {
        tags.add(new OutputTag<>("exit-" + i + "-" + exits.get(i).getName(),
            FlinkPipelineTranslator.typeOf(exits.get(i))));
      }
    }
    String name = plan.describe();
    if (name.length() > 200) {
      name = name.substring(0, 197) + "...";
    }
    return new Built(plan, exits, tags, outputType, firstStep, name);
  }
}
