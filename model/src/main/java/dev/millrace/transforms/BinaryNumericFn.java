package dev.millrace.transforms;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;

/**
 * A CombineFn folding numbers with an associative, commutative operation that has an identity
 * (sum with 0, min with the largest value, ...). Accumulator and output have the input's type;
 * an empty input yields the identity. Behind {@link Sum}, {@link Min} and {@link Max}.
 */
class BinaryNumericFn<T> extends CombineFn<T, T, T> {
  private final T identity;
  private final SerializableBiFunction<T, T, T> op;
  private final Coder<T> coder;
  private final String name;

  BinaryNumericFn(String name, T identity, SerializableBiFunction<T, T, T> op, Coder<T> coder) {
    this.name = name;
    this.identity = identity;
    this.op = op;
    this.coder = coder;
  }

  @Override
  public T createAccumulator() {
    return identity;
  }

  @Override
  public T addInput(T accumulator, T input) {
    if (input == null) {
      throw new IllegalArgumentException(
          name + " cannot combine a null value; filter out nulls first (Filter.by(x -> x != null))");
    }
    return op.apply(accumulator, input);
  }

  @Override
  public T mergeAccumulators(Iterable<T> accumulators) {
    T result = identity;
    for (T a : accumulators) {
      result = op.apply(result, a);
    }
    return result;
  }

  @Override
  public T extractOutput(T accumulator) {
    return accumulator;
  }

  @Override
  public Coder<T> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return coder;
  }

  @Override
  public Coder<T> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return coder;
  }

  @Override
  public String toString() {
    return name;
  }
}
