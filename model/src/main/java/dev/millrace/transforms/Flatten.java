package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.windowing.WindowingStrategy;

/**
 * Merges collections: {@code Flatten.pCollections()} turns a {@link PCollectionList} into one
 * collection of all their elements; {@code Flatten.iterables()} turns a collection of iterables
 * into a collection of their elements.
 */
public final class Flatten {
  private Flatten() {}

  /** Merges a list of collections (the primitive). */
  public static <T> PCollections<T> pCollections() {
    return new PCollections<>();
  }

  /** Flattens a collection of iterables. */
  public static <T> PTransform<PCollection<? extends Iterable<T>>, PCollection<T>> iterables() {
    return new Iterables<>();
  }

  /**
   * The primitive merging a list of collections. All inputs must have compatible window functions;
   * the output has the first input's windowing strategy and coder. An empty list needs a coder
   * (it yields an empty collection).
   */
  public static final class PCollections<T> extends PTransform<PCollectionList<T>, PCollection<T>> {
    PCollections() {
      super("Flatten.PCollections");
    }

    @Override
    public PCollection<T> expand(PCollectionList<T> inputs) {
      Preconditions.checkArgument(
          inputs.size() > 0,
          "Flatten.pCollections() of an empty list: use Create.empty(coder) for an empty collection");
      PCollection<T> first = inputs.get(0);
      WindowingStrategy strategy = first.getWindowingStrategy();
      PCollection.IsBounded bounded = PCollection.IsBounded.BOUNDED;
      boolean finite = true;
      for (PCollection<T> pc : inputs.getAll()) {
        if (!pc.getWindowingStrategy().windowFn().isCompatible(strategy.windowFn())) {
          throw new IllegalStateException(
              "Step '" + inputs.getPipeline().currentStepName() + "' flattens collections with "
                  + "incompatible window functions: '" + first.getName() + "' uses "
                  + strategy.windowFn() + " but '" + pc.getName() + "' uses "
                  + pc.getWindowingStrategy().windowFn()
                  + ". Apply the same Window.into(...) to every input first.");
        }
        bounded = bounded.and(pc.isBounded());
        finite &= pc.isFinite();
      }
      Coder<T> coder = first.getCoder();
      return PCollection.createPrimitiveOutputInternal(inputs.getPipeline(), strategy, bounded, coder)
          .markFiniteInternal(finite);
    }
  }

  private static final class FlattenIterableFn<T> extends DoFn<Iterable<T>, T> {
    @Override
    public void processElement(ProcessContext c) {
      for (T t : c.element()) {
        c.output(t);
      }
    }
  }

  private static final class Iterables<T>
      extends PTransform<PCollection<? extends Iterable<T>>, PCollection<T>> {
    Iterables() {
      super("Flatten.Iterables");
    }

    @Override
    @SuppressWarnings("unchecked")
    public PCollection<T> expand(PCollection<? extends Iterable<T>> input) {
      PCollection<T> out = input.apply(ParDo.of(new FlattenIterableFn<T>()));
      Coder<?> inCoder = input.getCoder();
      if (inCoder.getCoderArguments().size() == 1) {
        out.setCoder((Coder<T>) inCoder.getCoderArguments().get(0));
      }
      return out;
    }
  }
}
