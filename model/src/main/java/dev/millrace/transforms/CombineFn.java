package dev.millrace.transforms;

import dev.millrace.coders.CannotProvideCoderException;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.internal.TypeTokens;
import dev.millrace.values.TypeDescriptor;
import java.io.Serializable;
import java.lang.reflect.Type;

/**
 * An associative, commutative aggregation through a mutable accumulator, used by
 * {@link Combine}: {@code createAccumulator}, {@code addInput} per value, {@code mergeAccumulators}
 * to join partial results (runners combine partially before a shuffle — "combiner lifting" — and
 * merge afterwards) and {@code extractOutput}.
 *
 * <p>The result must not depend on how inputs are split between accumulators or in which order
 * they are added or merged. {@code addInput} and {@code mergeAccumulators} may modify and return
 * their first accumulator argument.
 *
 * @param <InputT> the input value type
 * @param <AccumT> the accumulator type
 * @param <OutputT> the output type
 */
public abstract class CombineFn<InputT, AccumT, OutputT> implements Serializable {
  /** A new, empty accumulator. */
  public abstract AccumT createAccumulator();

  /** Adds an input to the accumulator; may modify and return it. */
  public abstract AccumT addInput(AccumT accumulator, InputT input);

  /** Merges accumulators into one; may modify and return the first. */
  public abstract AccumT mergeAccumulators(Iterable<AccumT> accumulators);

  /** The output for the accumulated inputs. */
  public abstract OutputT extractOutput(AccumT accumulator);

  /** Optionally shrinks an accumulator before it is stored or shuffled. */
  public AccumT compact(AccumT accumulator) {
    return accumulator;
  }

  /** The output for no inputs at all, used by {@code Combine.globally} on an empty input. */
  public OutputT defaultValue() {
    return extractOutput(createAccumulator());
  }

  /**
   * The coder of accumulators, needed by runners that store or shuffle them. By default inferred
   * from the {@code AccumT} type argument of the subclass.
   */
  public Coder<AccumT> getAccumulatorCoder(CoderRegistry registry, Coder<InputT> inputCoder)
      throws CannotProvideCoderException {
    return inferTypeArg(registry, 1, "accumulator");
  }

  /** The coder of outputs. By default inferred from the {@code OutputT} type argument. */
  public Coder<OutputT> getDefaultOutputCoder(CoderRegistry registry, Coder<InputT> inputCoder)
      throws CannotProvideCoderException {
    return inferTypeArg(registry, 2, "output");
  }

  @SuppressWarnings("unchecked")
  private <T> Coder<T> inferTypeArg(CoderRegistry registry, int index, String what)
      throws CannotProvideCoderException {
    Type t = TypeTokens.typeArgument(this, CombineFn.class, index);
    if (t == null) {
      throw new CannotProvideCoderException(
          "the " + what + " type of CombineFn " + getClass().getName() + " is not known (it is "
              + "generic); override get" + (index == 1 ? "AccumulatorCoder" : "DefaultOutputCoder")
              + "(...) in the CombineFn");
    }
    return registry.getCoder((TypeDescriptor<T>) TypeDescriptor.of(t));
  }

  /** Applies the whole function to some inputs; handy in tests. */
  public OutputT apply(Iterable<? extends InputT> inputs) {
    AccumT acc = createAccumulator();
    for (InputT in : inputs) {
      acc = addInput(acc, in);
    }
    return extractOutput(acc);
  }
}
