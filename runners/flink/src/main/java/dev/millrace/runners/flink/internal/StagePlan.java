package dev.millrace.runners.flink.internal;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowFn;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The serialisable description of a fused stage: element-wise steps (ParDos, window
 * assignments) that run inside one Flink operator, connected by stage-local collection ids.
 * Collection 0 is the stage's input; every other collection is the output of one node. A
 * collection that a step outside the stage consumes is an <em>exit</em>: its elements leave the
 * operator (as its main output when there is one exit, else as side outputs).
 *
 * @param nodes the steps in topological order
 * @param consumers for every collection id, the indexes of the nodes reading it
 * @param exitOf for every collection id, its exit index or -1
 * @param exitCount the number of exits
 */
public record StagePlan(List<Node> nodes, List<int[]> consumers, int[] exitOf, int exitCount)
    implements Serializable {

  /** One step of the stage. */
  public sealed interface Node extends Serializable permits ParDoNode, AssignNode {
    /** The step's full name. */
    String stepName();
  }

  /**
   * A ParDo.
   *
   * @param outputs the collection id of each output tag
   */
  public record ParDoNode(
      String stepName,
      DoFn<?, ?> fn,
      TupleTag<?> mainTag,
      List<TupleTag<?>> additionalTags,
      Map<TupleTag<?>, Integer> outputs)
      implements Node {}

  /** A window assignment ({@code windowFn} null: only the strategy changes). */
  public record AssignNode(String stepName, WindowFn<?> windowFn, int output) implements Node {}

  /** The names of the steps, for operator names. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Node n : nodes) {
      sb.append(sb.length() == 0 ? "" : " + ").append(n.stepName());
    }
    return sb.toString();
  }
}
