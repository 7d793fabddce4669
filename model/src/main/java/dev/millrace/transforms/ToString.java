package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptors;

/**
 * Turns elements into strings:
 *
 * <ul>
 *   <li>{@link #elements()}: {@code String.valueOf(element)};
 *   <li>{@link #kvs()}: {@code key + "," + value} (or another delimiter with {@link
 *       #kvs(String)});
 *   <li>{@link #iterables()}: the elements joined with {@code ","} (or {@link
 *       #iterables(String)}).
 * </ul>
 *
 * <p>The output coder is {@code StringUtf8Coder}. Nulls print as {@code "null"}.
 */
public final class ToString {
  private ToString() {}

  /** {@code String.valueOf} of every element. */
  public static PTransform<PCollection<?>, PCollection<String>> elements() {
    return new Elements();
  }

  /** Every pair as {@code key,value}. */
  public static PTransform<PCollection<? extends KV<?, ?>>, PCollection<String>> kvs() {
    return kvs(",");
  }

  /** Every pair as key, delimiter, value. */
  public static PTransform<PCollection<? extends KV<?, ?>>, PCollection<String>> kvs(
      String delimiter) {
    return new Kvs(Preconditions.checkNotNull(delimiter, "delimiter"));
  }

  /** Every iterable's elements joined with {@code ","}. */
  public static PTransform<PCollection<? extends Iterable<?>>, PCollection<String>> iterables() {
    return iterables(",");
  }

  /** Every iterable's elements joined with {@code delimiter}. */
  public static PTransform<PCollection<? extends Iterable<?>>, PCollection<String>> iterables(
      String delimiter) {
    return new Iterables(Preconditions.checkNotNull(delimiter, "delimiter"));
  }

  private static PCollection<String> strings(PCollection<String> out) {
    out.setTypeDescriptor(TypeDescriptors.strings());
    return out.setCoder(StringUtf8Coder.of());
  }

  private static final class Elements extends PTransform<PCollection<?>, PCollection<String>> {
    Elements() {
      super("ToString.Elements");
    }

    @Override
    public PCollection<String> expand(PCollection<?> input) {
      return strings(input.apply("ToString", ParDo.of(new ElementFn())));
    }
  }

  private static final class Kvs
      extends PTransform<PCollection<? extends KV<?, ?>>, PCollection<String>> {
    private final String delimiter;

    Kvs(String delimiter) {
      super("ToString.KVs");
      this.delimiter = delimiter;
    }

    @Override
    public PCollection<String> expand(PCollection<? extends KV<?, ?>> input) {
      return strings(input.apply("ToString", ParDo.of(new KvFn(delimiter))));
    }
  }

  private static final class Iterables
      extends PTransform<PCollection<? extends Iterable<?>>, PCollection<String>> {
    private final String delimiter;

    Iterables(String delimiter) {
      super("ToString.Iterables");
      this.delimiter = delimiter;
    }

    @Override
    public PCollection<String> expand(PCollection<? extends Iterable<?>> input) {
      return strings(input.apply("ToString", ParDo.of(new IterableFn(delimiter))));
    }
  }

  private static final class ElementFn extends DoFn<Object, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(String.valueOf(c.element()));
    }
  }

  private static final class KvFn extends DoFn<KV<?, ?>, String> {
    private final String delimiter;

    KvFn(String delimiter) {
      this.delimiter = delimiter;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + delimiter + c.element().getValue());
    }
  }

  private static final class IterableFn extends DoFn<Iterable<?>, String> {
    private final String delimiter;

    IterableFn(String delimiter) {
      this.delimiter = delimiter;
    }

    @Override
    public void processElement(ProcessContext c) {
      StringBuilder sb = new StringBuilder();
      boolean first = true;
      for (Object o : c.element()) {
        if (!first) {
          sb.append(delimiter);
        }
        sb.append(o);
        first = false;
      }
      c.output(sb.toString());
    }
  }
}
