package dev.millrace.transforms.state;

import dev.millrace.coders.Coder;
import dev.millrace.transforms.CombineFn;
import java.io.Serializable;

/**
 * The declaration of one cell of state of a stateful {@code DoFn}: what kind of state it is and
 * how its contents are encoded. Create specs with {@link StateSpecs} and declare them as fields of
 * the DoFn; the field name is the state's id. Runners discover the fields once, when the ParDo is
 * applied, never per element.
 *
 * <pre>{@code
 * class CountPerKey extends DoFn<KV<String, Long>, KV<String, Long>> {
 *   private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
 *
 *   public void processElement(ProcessContext c) {
 *     ValueState<Long> n = c.state(count);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Specs are immutable and compared by identity: each field declares its own cell.
 *
 * @param <S> the state interface the spec gives access to
 */
public final class StateSpec<S extends State> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of state. */
  public enum Kind {
    /** {@link ValueState}. */
    VALUE,
    /** {@link BagState}. */
    BAG,
    /** {@link CombiningState}. */
    COMBINING,
    /** {@link MapState}. */
    MAP,
    /** {@link SetState}. */
    SET,
    /** {@link OrderedListState}. */
    ORDERED_LIST
  }

  private final Kind kind;
  private final Coder<?> coder;
  private final Coder<?> mapValueCoder;
  private final CombineFn<?, ?, ?> combineFn;
  private final String coderProblem;

  StateSpec(
      Kind kind,
      Coder<?> coder,
      Coder<?> mapValueCoder,
      CombineFn<?, ?, ?> combineFn,
      String coderProblem) {
    this.kind = kind;
    this.coder = coder;
    this.mapValueCoder = mapValueCoder;
    this.combineFn = combineFn;
    this.coderProblem = coderProblem;
  }

  /** The kind of state. */
  public Kind kind() {
    return kind;
  }

  /**
   * The coder of the value (VALUE), the elements (BAG, SET, ORDERED_LIST), the accumulator
   * (COMBINING) or the map keys (MAP); null only for a COMBINING spec whose accumulator coder
   * could not be inferred (see {@link #coderProblem()}).
   */
  public Coder<?> coder() {
    return coder;
  }

  /** The coder of the map values of a MAP spec, otherwise null. */
  public Coder<?> mapValueCoder() {
    return mapValueCoder;
  }

  /** The combine function of a COMBINING spec, otherwise null. */
  public CombineFn<?, ?, ?> combineFn() {
    return combineFn;
  }

  /** Why the coder is missing, or null when it is present. */
  public String coderProblem() {
    return coderProblem;
  }

  @Override
  public String toString() {
    return "StateSpec." + kind + "(" + coder + (mapValueCoder == null ? "" : ", " + mapValueCoder)
        + (combineFn == null ? "" : ", " + combineFn.getClass().getName()) + ")";
  }
}
