package dev.millrace.windowing.core;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.TimestampCombiner;
import java.io.Serializable;
import java.util.Objects;

/**
 * The address and kind of a state cell inside a namespace: an id unique within the namespace, the
 * kind of cell, and what a backend needs to store it (the value codec, and the aggregation or
 * timestamp combiner that folds added values). Create tags with the static factories.
 *
 * @param <S> the state interface the tag gives access to
 */
public final class StateTag<S extends State> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of state cells. */
  public enum Kind {
    /** {@link ValueState}. */
    VALUE,
    /** {@link BagState}. */
    BAG,
    /** {@link CombiningState}. */
    COMBINING,
    /** {@link WatermarkHoldState}. */
    WATERMARK_HOLD
  }

  private final String id;
  private final Kind kind;
  private final StateCodec<?> codec;
  private final Aggregation<?, ?, ?> aggregation;
  private final TimestampCombiner combiner;

  private StateTag(
      String id,
      Kind kind,
      StateCodec<?> codec,
      Aggregation<?, ?, ?> aggregation,
      TimestampCombiner combiner) {
    Preconditions.checkArgument(
        id != null && !id.isEmpty(), "a state tag needs a non-empty id, got '%s'", id);
    this.id = id;
    this.kind = kind;
    this.codec = Preconditions.checkNotNull(codec, "state tag '%s' needs a codec", id);
    this.aggregation = aggregation;
    this.combiner = combiner;
  }

  /** A single value stored with {@code codec}. */
  public static <T> StateTag<ValueState<T>> value(String id, StateCodec<T> codec) {
    return new StateTag<>(id, Kind.VALUE, codec, null, null);
  }

  /** A bag whose elements are stored with {@code elementCodec}. */
  public static <T> StateTag<BagState<T>> bag(String id, StateCodec<T> elementCodec) {
    return new StateTag<>(id, Kind.BAG, elementCodec, null, null);
  }

  /** A combining cell whose accumulator is stored with {@code accumulatorCodec}. */
  public static <I, A, O> StateTag<CombiningState<I, A, O>> combining(
      String id, Aggregation<I, A, O> aggregation, StateCodec<A> accumulatorCodec) {
    Preconditions.checkNotNull(aggregation, "combining state tag '%s' needs an aggregation", id);
    return new StateTag<>(id, Kind.COMBINING, accumulatorCodec, aggregation, null);
  }

  /** A watermark hold combining its timestamps with {@code combiner}. */
  public static StateTag<WatermarkHoldState> watermarkHold(String id, TimestampCombiner combiner) {
    Preconditions.checkNotNull(combiner, "watermark hold tag '%s' needs a combiner", id);
    return new StateTag<>(id, Kind.WATERMARK_HOLD, StateCodecs.longs(), null, combiner);
  }

  /** The same kind of cell under another id (used to give sub-components their own cells). */
  public StateTag<S> withId(String newId) {
    return new StateTag<>(newId, kind, codec, aggregation, combiner);
  }

  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  /** The codec of the value, bag element, accumulator, or (for holds) the long timestamp. */
  public StateCodec<?> codec() {
    return codec;
  }

  /** The aggregation of a COMBINING tag, otherwise null. */
  public Aggregation<?, ?, ?> aggregation() {
    return aggregation;
  }

  /** The combiner of a WATERMARK_HOLD tag, otherwise null. */
  public TimestampCombiner combiner() {
    return combiner;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateTag<?> t
        && t.id.equals(id)
        && t.kind == kind
        && t.codec.equals(codec)
        && Objects.equals(t.aggregation, aggregation)
        && t.combiner == combiner;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, kind);
  }

  @Override
  public String toString() {
    return kind + "(" + id + ")";
  }
}
