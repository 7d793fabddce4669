package dev.millrace;

import com.google.common.base.Preconditions;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.PipelineRunners;
import dev.millrace.runners.PipelineVisitor;
import dev.millrace.runners.TransformNode;
import dev.millrace.transforms.PTransform;
import dev.millrace.values.PBegin;
import dev.millrace.values.PCollection;
import dev.millrace.values.PInput;
import dev.millrace.values.POutput;
import dev.millrace.values.PValue;
import dev.millrace.values.TupleTag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed acyclic graph of steps that read, transform and write data, built by applying
 * {@link PTransform}s and executed by the runner named in its options ({@code --runner=direct} by
 * default).
 *
 * <pre>{@code
 * Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(args).withValidation().create());
 * p.apply(TextIO.read().from("in.txt"))
 *  .apply(Count.perElement())
 *  ...
 * p.run().waitUntilFinish();
 * }</pre>
 *
 * <p>Every application of a transform gets a unique, hierarchical step name (the parent
 * composite's name, a slash, then the name given to {@code apply} or the transform's default
 * name). Applying two steps under the same name is an error. A pipeline is not thread-safe and is
 * not serialised; only the functions inside its transforms are.
 */
public class Pipeline {
  private final PipelineOptions options;
  private final CoderRegistry coderRegistry = CoderRegistry.createDefault();
  private final TransformNode root = new TransformNode(null, "", null, Map.of());
  private final Deque<TransformNode> stack = new ArrayDeque<>();
  private final Map<String, TransformNode> nodesByName = new HashMap<>();
  private final Map<PValue, TransformNode> producers = new HashMap<>();
  private final List<PCollection<?>> collections = new ArrayList<>();

  /** Creates a pipeline with the given options. */
  protected Pipeline(PipelineOptions options) {
    this.options = Preconditions.checkNotNull(options, "options");
    stack.push(root);
  }

  /** A pipeline with default options (the direct runner). */
  public static Pipeline create() {
    return new Pipeline(PipelineOptionsFactory.create());
  }

  /** A pipeline with the given options. */
  public static Pipeline create(PipelineOptions options) {
    return new Pipeline(options);
  }

  /** The start of the pipeline, to which root transforms (reads, {@code Create}) are applied. */
  public PBegin begin() {
    return PBegin.in(this);
  }

  /** Applies a root transform. */
  public <OutputT extends POutput> OutputT apply(PTransform<? super PBegin, OutputT> root) {
    return begin().apply(root);
  }

  /** Applies a root transform under the given step name. */
  public <OutputT extends POutput> OutputT apply(
      String name, PTransform<? super PBegin, OutputT> root) {
    return begin().apply(name, root);
  }

  public PipelineOptions getOptions() {
    return options;
  }

  /** The registry used to infer coders in this pipeline; register your types' coders here. */
  public CoderRegistry getCoderRegistry() {
    return coderRegistry;
  }

  /** Runs the pipeline with the runner named in its options. */
  public PipelineResult run() {
    return run(options);
  }

  /** Runs the pipeline with the runner named in the given options. */
  public PipelineResult run(PipelineOptions runOptions) {
    validateBeforeRun();
    return PipelineRunners.fromOptions(runOptions).run(this);
  }

  /** Visits every step in the order it was applied (a topological order). */
  public void traverseTopologically(PipelineVisitor visitor) {
    root.visit(visitor);
  }

  /** The step that produced the given collection or view (the innermost, primitive step). */
  public TransformNode getProducer(PValue value) {
    return producers.get(value);
  }

  /** Every collection of the pipeline, in creation order. */
  public List<PCollection<?>> getCollections() {
    return List.copyOf(collections);
  }

  /**
   * Internal: the full name of the step currently being expanded, for messages of transforms
   * (empty at the top level).
   */
  public String currentStepName() {
    return stack.peek().getFullName();
  }

  /** Internal: applies a transform under its default name. */
  public <InputT extends PInput, OutputT extends POutput> OutputT applyTransform(
      InputT input, PTransform<? super InputT, OutputT> transform) {
    return applyTransform(transform.getName(), input, transform);
  }

  /** Internal: applies a transform under the given name. */
  public <InputT extends PInput, OutputT extends POutput> OutputT applyTransform(
      String name, InputT input, PTransform<? super InputT, OutputT> transform) {
    Preconditions.checkNotNull(transform, "transform");
    Preconditions.checkArgument(
        name != null && !name.isEmpty(), "a step name must not be empty (transform %s)", transform);
    Preconditions.checkArgument(
        input.getPipeline() == this,
        "step '%s' was applied to an input that belongs to another pipeline",
        name);
    TransformNode parent = stack.peek();
    String fullName = parent.isRoot() ? name : parent.getFullName() + "/" + name;
    TransformNode existing = nodesByName.get(fullName);
    if (existing != null) {
      throw new IllegalStateException(
          "Step name '" + fullName + "' is already used by an earlier step ("
              + existing.getTransform() + "). Every step needs a unique name: apply this one as "
              + ".apply(\"" + name + "2\", " + transform.getName() + "...) or any other unique "
              + "name, e.g. .apply(\"Describe" + name + "\", ...).");
    }
    for (PValue in : input.expand().values()) {
      if (in instanceof PCollection<?> pc) {
        pc.finishSpecifying();
      }
    }
    TransformNode node = new TransformNode(parent, fullName, transform, input.expand());
    nodesByName.put(fullName, node);
    parent.addChild(node);
    stack.push(node);
    OutputT output;
    try {
      transform.validate(input);
      output = transform.expand(input);
    } finally {
      stack.pop();
    }
    Preconditions.checkState(
        output != null, "transform %s of step '%s' returned a null output", transform, fullName);
    Map<TupleTag<?>, PValue> outputs = output.expand();
    node.setOutputs(outputs);
    for (Map.Entry<TupleTag<?>, PValue> e : outputs.entrySet()) {
      PValue v = e.getValue();
      if (v instanceof PCollection<?> pc && !producers.containsKey(pc)) {
        pc.setNameIfUnset(outputs.size() == 1 ? fullName : fullName + "." + e.getKey().getId());
        producers.put(pc, node);
        collections.add(pc);
      } else if (!producers.containsKey(v)) {
        producers.put(v, node);
      }
    }
    return output;
  }

  /** Checks that every collection has a coder, so errors surface before any data is read. */
  public void validateBeforeRun() {
    for (PCollection<?> pc : collections) {
      pc.finishSpecifying();
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Pipeline{\n");
    traverseTopologically(n -> sb.append("  ").append(n.getFullName()).append('\n'));
    return sb.append('}').toString();
  }
}
