package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptor;
import java.util.List;

/**
 * Removes duplicates (per window). {@link #create()} compares elements by their encoding, so the
 * element coder must be deterministic; {@link #withRepresentativeValueFn} compares the values a
 * function computes and keeps one arbitrary element per distinct value.
 *
 * <pre>{@code
 * PCollection<String> unique = words.apply(Distinct.create());
 * PCollection<String> oneWordPerLength = words.apply(
 *     Distinct.withRepresentativeValueFn((String w) -> w.length())
 *         .withRepresentativeType(TypeDescriptors.integers()));
 * }</pre>
 *
 * @param <T> the element type
 */
public final class Distinct<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private Distinct() {
    super("Distinct");
  }

  /** Removes duplicate elements. */
  public static <T> Distinct<T> create() {
    return new Distinct<>();
  }

  /**
   * Keeps one element per distinct value of {@code fn}. A lambda's result type is unknown: add
   * {@link WithRepresentativeValues#withRepresentativeType}.
   */
  public static <T, IdT> WithRepresentativeValues<T, IdT> withRepresentativeValueFn(
      SerializableFunction<T, IdT> fn) {
    Preconditions.checkNotNull(fn, "withRepresentativeValueFn(null)");
    return new WithRepresentativeValues<>(fn, null);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input
        .apply("Count.PerElement", Count.<T>perElement())
        .apply("Keys", Keys.<T>create());
  }

  /** {@link Distinct#withRepresentativeValueFn}. */
  public static final class WithRepresentativeValues<T, IdT>
      extends PTransform<PCollection<T>, PCollection<T>> {
    private final SerializableFunction<T, IdT> fn;
    private final TypeDescriptor<IdT> type;

    WithRepresentativeValues(SerializableFunction<T, IdT> fn, TypeDescriptor<IdT> type) {
      super("Distinct.WithRepresentativeValues");
      this.fn = fn;
      this.type = type;
    }

    /** Declares the type of the representative values, from which their coder is inferred. */
    public WithRepresentativeValues<T, IdT> withRepresentativeType(TypeDescriptor<IdT> newType) {
      return new WithRepresentativeValues<>(fn, Preconditions.checkNotNull(newType));
    }

    @Override
    public PCollection<T> expand(PCollection<T> input) {
      WithKeys<IdT, T> withKeys = WithKeys.of(fn);
      if (type != null) {
        withKeys = withKeys.withKeyType(type);
      }
      PCollection<KV<IdT, List<T>>> one = input
          .apply("KeyByRepresentative", withKeys)
          .apply("OnePerKey", Combine.<IdT, T, List<T>>perKey(new Sample.LimitFn<T>(1)));
      PCollection<T> out = one.apply("Extract", ParDo.of(new FirstValueFn<IdT, T>()));
      return out.setCoder(input.getCoder());
    }
  }

  /** Outputs the single element kept for a key. */
  private static final class FirstValueFn<K, T> extends DoFn<KV<K, List<T>>, T> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getValue().get(0));
    }
  }
}
