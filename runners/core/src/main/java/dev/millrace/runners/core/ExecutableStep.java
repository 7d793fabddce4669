package dev.millrace.runners.core;

import dev.millrace.coders.Coder;
import dev.millrace.sources.BoundedSource;
import dev.millrace.sources.UnboundedSource;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.WindowingStrategy;
import java.util.List;
import java.util.Map;

/**
 * One executable step of a pipeline, as runners see it after planning: the primitives, plus
 * lifted combines in place of {@code Combine.perKey} composites. Every step knows its full name,
 * its main inputs and its outputs.
 */
public sealed interface ExecutableStep {
  /** The step's full name, as used in metrics and error messages. */
  String name();

  /** The collections this step reads as main input. */
  List<PCollection<?>> inputs();

  /** The collections this step writes, by output tag. */
  Map<TupleTag<?>, PCollection<?>> outputs();

  /** Whether this step runs element by element, fused with its producer. */
  default boolean isElementWise() {
    return false;
  }

  /** Reads a bounded source. */
  record ReadStep(String name, BoundedSource<?> source, Map<TupleTag<?>, PCollection<?>> outputs)
      implements ExecutableStep {
    @Override
    public List<PCollection<?>> inputs() {
      return List.of();
    }
  }

  /** Reads an unbounded source until its watermark reaches the end of time (or forever). */
  record UnboundedReadStep(
      String name, UnboundedSource<?, ?> source, Map<TupleTag<?>, PCollection<?>> outputs)
      implements ExecutableStep {
    @Override
    public List<PCollection<?>> inputs() {
      return List.of();
    }
  }

  /** Replays a scripted {@link TestStream}. */
  record TestStreamStep(String name, TestStream<?> stream, Map<TupleTag<?>, PCollection<?>> outputs)
      implements ExecutableStep {
    @Override
    public List<PCollection<?>> inputs() {
      return List.of();
    }
  }

  /** Applies a DoFn. */
  record ParDoStep(
      String name,
      ParDo.Primitive<?, ?> parDo,
      PCollection<?> input,
      Map<TupleTag<?>, PCollection<?>> outputs)
      implements ExecutableStep {
    @Override
    public List<PCollection<?>> inputs() {
      return List.of(input);
    }

    public List<PCollectionView<?>> sideInputs() {
      return parDo.getSideInputs();
    }

    @Override
    public boolean isElementWise() {
      return parDo.getSideInputs().isEmpty()
          && !dev.millrace.transforms.state.internal.DoFnDeclarations.isStateful(parDo.getFn());
    }
  }

  /** Assigns windows (or only changes the windowing strategy when {@code windowFn} is null). */
  record AssignWindowsStep(
      String name, WindowFn<?> windowFn, PCollection<?> input, Map<TupleTag<?>, PCollection<?>> outputs)
      implements ExecutableStep {
    @Override
    public List<PCollection<?>> inputs() {
      return List.of(input);
    }

    @Override
    public boolean isElementWise() {
      return true;
    }
  }

  /** Merges collections. */
  record FlattenStep(String name, List<PCollection<?>> inputs, Map<TupleTag<?>, PCollection<?>> outputs)
      implements ExecutableStep {
    @Override
    public boolean isElementWise() {
      return true;
    }
  }

  /** Groups by key and window. */
  record GroupByKeyStep(
      String name, PCollection<?> input, Map<TupleTag<?>, PCollection<?>> outputs)
      implements ExecutableStep {
    @Override
    public List<PCollection<?>> inputs() {
      return List.of(input);
    }

    public WindowingStrategy strategy() {
      return input.getWindowingStrategy();
    }
  }

  /**
   * A lifted {@code Combine.perKey}: partial combining before the shuffle, merging of
   * accumulators after it.
   */
  record CombinePerKeyStep(
      String name,
      CombineFn<?, ?, ?> fn,
      Coder<?> accumulatorCoder,
      PCollection<?> input,
      Map<TupleTag<?>, PCollection<?>> outputs)
      implements ExecutableStep {
    @Override
    public List<PCollection<?>> inputs() {
      return List.of(input);
    }

    public WindowingStrategy strategy() {
      return input.getWindowingStrategy();
    }
  }

  /** Materialises a collection as a side input. */
  record ViewStep(String name, PCollectionView<?> view, PCollection<?> input)
      implements ExecutableStep {
    @Override
    public List<PCollection<?>> inputs() {
      return List.of(input);
    }

    @Override
    public Map<TupleTag<?>, PCollection<?>> outputs() {
      return Map.of();
    }

    @Override
    public boolean isElementWise() {
      return true;
    }
  }
}
