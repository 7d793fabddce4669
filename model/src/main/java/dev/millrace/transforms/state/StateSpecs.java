package dev.millrace.transforms.state;

import com.google.common.base.Preconditions;
import dev.millrace.coders.CannotProvideCoderException;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.transforms.CombineFn;

/**
 * Factories of {@link StateSpec}s, to be assigned to fields of a stateful {@code DoFn}. The coders
 * say how the runner stores the contents (in memory, in checkpoints, in a remote store).
 */
public final class StateSpecs {
  private StateSpecs() {}

  /** A {@link ValueState} of values encoded with {@code coder}. */
  public static <T> StateSpec<ValueState<T>> value(Coder<T> coder) {
    return new StateSpec<>(StateSpec.Kind.VALUE, check(coder, "value"), null, null, null);
  }

  /** A {@link BagState} of elements encoded with {@code elementCoder}. */
  public static <T> StateSpec<BagState<T>> bag(Coder<T> elementCoder) {
    return new StateSpec<>(StateSpec.Kind.BAG, check(elementCoder, "bag"), null, null, null);
  }

  /** A {@link SetState} of elements encoded with {@code elementCoder}. */
  public static <T> StateSpec<SetState<T>> set(Coder<T> elementCoder) {
    return new StateSpec<>(StateSpec.Kind.SET, check(elementCoder, "set"), null, null, null);
  }

  /** A {@link MapState} with keys and values encoded by the given coders. */
  public static <K, V> StateSpec<MapState<K, V>> map(Coder<K> keyCoder, Coder<V> valueCoder) {
    return new StateSpec<>(
        StateSpec.Kind.MAP, check(keyCoder, "map key"), check(valueCoder, "map value"), null, null);
  }

  /** An {@link OrderedListState} of elements encoded with {@code elementCoder}. */
  public static <T> StateSpec<OrderedListState<T>> orderedList(Coder<T> elementCoder) {
    return new StateSpec<>(
        StateSpec.Kind.ORDERED_LIST, check(elementCoder, "ordered list"), null, null, null);
  }

  /** A {@link CombiningState} of {@code combineFn}, its accumulators encoded by {@code accumCoder}. */
  public static <I, A, O> StateSpec<CombiningState<I, A, O>> combining(
      Coder<A> accumCoder, CombineFn<I, A, O> combineFn) {
    Preconditions.checkNotNull(combineFn, "StateSpecs.combining needs a CombineFn, got null");
    return new StateSpec<>(
        StateSpec.Kind.COMBINING, check(accumCoder, "accumulator"), null, combineFn, null);
  }

  /**
   * A {@link CombiningState} of {@code combineFn}, its accumulator coder inferred from the
   * CombineFn's accumulator type. If that fails, applying the ParDo fails and asks for
   * {@link #combining(Coder, CombineFn)}.
   */
  public static <I, A, O> StateSpec<CombiningState<I, A, O>> combining(
      CombineFn<I, A, O> combineFn) {
    Preconditions.checkNotNull(combineFn, "StateSpecs.combining needs a CombineFn, got null");
    try {
      Coder<A> coder = combineFn.getAccumulatorCoder(CoderRegistry.createDefault(), null);
      return new StateSpec<>(StateSpec.Kind.COMBINING, coder, null, combineFn, null);
    } catch (CannotProvideCoderException | RuntimeException e) {
      return new StateSpec<>(StateSpec.Kind.COMBINING, null, null, combineFn,
          "the accumulator coder of " + combineFn.getClass().getName() + " cannot be inferred ("
              + e.getMessage() + "); use StateSpecs.combining(accumulatorCoder, combineFn)");
    }
  }

  private static <T> Coder<T> check(Coder<T> coder, String what) {
    return Preconditions.checkNotNull(
        coder, "a %s state spec needs a coder, got null; pass e.g. StringUtf8Coder.of()", what);
  }
}
