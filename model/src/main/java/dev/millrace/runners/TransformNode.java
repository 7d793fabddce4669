package dev.millrace.runners;

import dev.millrace.transforms.PTransform;
import dev.millrace.values.PValue;
import dev.millrace.values.TupleTag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application of a transform in the pipeline graph: its unique, hierarchical full name
 * ({@code "WordCount/CountWords/GroupByKey"}), the transform, its inputs and outputs, and, for
 * composites, the steps its expansion applied. Runners walk these with a {@link PipelineVisitor}.
 */
public final class TransformNode {
  private final TransformNode parent;
  private final String fullName;
  private final PTransform<?, ?> transform;
  private final Map<TupleTag<?>, PValue> inputs;
  private final Map<TupleTag<?>, PValue> outputs = new LinkedHashMap<>();
  private final List<TransformNode> children = new ArrayList<>();

  /** Internal: created by the pipeline while applying a transform. */
  public TransformNode(
      TransformNode parent,
      String fullName,
      PTransform<?, ?> transform,
      Map<TupleTag<?>, PValue> inputs) {
    this.parent = parent;
    this.fullName = fullName;
    this.transform = transform;
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  public TransformNode getParent() {
    return parent;
  }

  /** The unique, slash-separated step name; empty for the root. */
  public String getFullName() {
    return fullName;
  }

  /** The transform; null for the root node. */
  public PTransform<?, ?> getTransform() {
    return transform;
  }

  public Map<TupleTag<?>, PValue> getInputs() {
    return inputs;
  }

  public Map<TupleTag<?>, PValue> getOutputs() {
    return Collections.unmodifiableMap(outputs);
  }

  public List<TransformNode> getChildren() {
    return Collections.unmodifiableList(children);
  }

  /** The root node of the graph (no transform). */
  public boolean isRoot() {
    return transform == null;
  }

  /** Whether the transform expanded into other steps. */
  public boolean isComposite() {
    return !children.isEmpty() || isRoot();
  }

  /** Internal. */
  public void addChild(TransformNode child) {
    children.add(child);
  }

  /** Internal. */
  public void setOutputs(Map<TupleTag<?>, PValue> outs) {
    outputs.clear();
    outputs.putAll(outs);
  }

  /** Visits this node and its descendants in the order they were applied. */
  public void visit(PipelineVisitor visitor) {
    if (isComposite()) {
      PipelineVisitor.CompositeBehavior b =
          isRoot() ? PipelineVisitor.CompositeBehavior.ENTER_TRANSFORM
              : visitor.enterCompositeTransform(this);
      if (b == PipelineVisitor.CompositeBehavior.ENTER_TRANSFORM) {
        for (TransformNode child : children) {
          child.visit(visitor);
        }
      }
      if (!isRoot()) {
        visitor.leaveCompositeTransform(this);
      }
    } else {
      visitor.visitPrimitiveTransform(this);
    }
  }

  @Override
  public String toString() {
    return fullName.isEmpty() ? "<root>" : fullName;
  }
}
