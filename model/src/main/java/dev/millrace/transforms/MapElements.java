package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptor;

/**
 * Applies a function to every element, producing exactly one output per input:
 *
 * <pre>{@code
 * PCollection<Integer> lengths =
 *     words.apply(MapElements.into(TypeDescriptors.integers()).via(String::length));
 * PCollection<Integer> same = words.apply(MapElements.via(new SimpleFunction<String, Integer>() {
 *   public Integer apply(String w) { return w.length(); }
 * }));
 * }</pre>
 *
 * <p>The output coder is inferred from the declared output type: the one given to {@link #into},
 * or the one a {@link SimpleFunction} binds. A lambda passed without {@code into(...)} has no
 * known output type; using its output then fails with a message saying to add {@code
 * .into(TypeDescriptors.xxx())} (or to set a coder). The function must be serialisable; this is
 * checked when the transform is applied.
 *
 * @param <InputT> the input element type
 * @param <OutputT> the output element type
 */
public final class MapElements<InputT, OutputT>
    extends PTransform<PCollection<? extends InputT>, PCollection<OutputT>> {
  private final SerializableFunction<InputT, OutputT> fn;
  private final TypeDescriptor<OutputT> outputType;

  private MapElements(SerializableFunction<InputT, OutputT> fn, TypeDescriptor<OutputT> outputType) {
    super("MapElements");
    this.fn = Preconditions.checkNotNull(fn, "MapElements needs a function, got null");
    this.outputType = outputType;
  }

  /** Declares the output type; continue with {@code .via(fn)}. */
  public static <OutputT> Into<OutputT> into(TypeDescriptor<OutputT> outputType) {
    return new Into<>(Preconditions.checkNotNull(outputType, "MapElements.into(null)"));
  }

  /** Maps with a {@link SimpleFunction}, whose output type gives the output coder. */
  public static <InputT, OutputT> MapElements<InputT, OutputT> via(
      SimpleFunction<InputT, OutputT> fn) {
    Preconditions.checkNotNull(fn, "MapElements.via(null)");
    return new MapElements<>(fn, fn.getOutputTypeDescriptor());
  }

  /**
   * Maps with a function of unknown output type (a lambda). The output needs a coder: prefer
   * {@code MapElements.into(type).via(fn)}, or call {@code setCoder} on the output.
   */
  public static <InputT, OutputT> MapElements<InputT, OutputT> via(
      SerializableFunction<InputT, OutputT> fn) {
    return new MapElements<>(fn, Composites.outputTypeOf(fn));
  }

  /** The function applied to each element. */
  public SerializableFunction<InputT, OutputT> getFn() {
    return fn;
  }

  /** The declared output type, or null when unknown. */
  public TypeDescriptor<OutputT> getOutputTypeDescriptor() {
    return outputType;
  }

  @Override
  public PCollection<OutputT> expand(PCollection<? extends InputT> input) {
    Pipeline p = input.getPipeline();
    SerializableCheck.check(fn, "the function of step '" + p.currentStepName() + "'");
    String unknown = Composites.unknownOutputType(
        p, "MapElements", "MapElements.into(TypeDescriptors.strings()).via(x -> ...)");
    PCollection<OutputT> out = input.apply("Map", ParDo.of(new MapFn<>(fn, outputType)));
    return Composites.inferCoderFrom(out, outputType, unknown);
  }

  /** The half-built {@code MapElements.into(type)}; finish it with {@link #via}. */
  public static final class Into<OutputT> {
    private final TypeDescriptor<OutputT> outputType;

    private Into(TypeDescriptor<OutputT> outputType) {
      this.outputType = outputType;
    }

    /** Maps each element with {@code fn}, whose results have the declared type. */
    public <InputT> MapElements<InputT, OutputT> via(SerializableFunction<InputT, OutputT> fn) {
      return new MapElements<>(fn, outputType);
    }
  }

  /** The DoFn behind {@link MapElements}. */
  private static final class MapFn<InputT, OutputT> extends DoFn<InputT, OutputT> {
    private final SerializableFunction<InputT, OutputT> fn;
    private final transient TypeDescriptor<OutputT> outputType;

    MapFn(SerializableFunction<InputT, OutputT> fn, TypeDescriptor<OutputT> outputType) {
      this.fn = fn;
      this.outputType = outputType;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(fn.apply(c.element()));
    }

    @Override
    public TypeDescriptor<OutputT> getOutputTypeDescriptor() {
      return outputType;
    }
  }
}
