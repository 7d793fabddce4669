package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptor;

/**
 * Applies a function returning an {@link Iterable} to every element and outputs every element of
 * the result (zero or more outputs per input):
 *
 * <pre>{@code
 * PCollection<String> words = lines.apply(
 *     FlatMapElements.into(TypeDescriptors.strings()).via(line -> List.of(line.split(" "))));
 * }</pre>
 *
 * <p>The output coder is inferred from the declared output element type: the one given to
 * {@link #into}, or the element type of the {@code Iterable} a {@link SimpleFunction} returns. A
 * lambda passed without {@code into(...)} has no known output type; using its output then fails
 * with a message saying to add {@code .into(TypeDescriptors.xxx())}. A null result is an error.
 *
 * @param <InputT> the input element type
 * @param <OutputT> the output element type
 */
public final class FlatMapElements<InputT, OutputT>
    extends PTransform<PCollection<? extends InputT>, PCollection<OutputT>> {
  private final SerializableFunction<InputT, ? extends Iterable<OutputT>> fn;
  private final TypeDescriptor<OutputT> outputType;

  private FlatMapElements(
      SerializableFunction<InputT, ? extends Iterable<OutputT>> fn,
      TypeDescriptor<OutputT> outputType) {
    super("FlatMapElements");
    this.fn = Preconditions.checkNotNull(fn, "FlatMapElements needs a function, got null");
    this.outputType = outputType;
  }

  /** Declares the output element type; continue with {@code .via(fn)}. */
  public static <OutputT> Into<OutputT> into(TypeDescriptor<OutputT> outputType) {
    return new Into<>(Preconditions.checkNotNull(outputType, "FlatMapElements.into(null)"));
  }

  /**
   * Flat-maps with a {@link SimpleFunction}; the element type of the {@code Iterable} it returns
   * gives the output coder.
   */
  public static <InputT, OutputT> FlatMapElements<InputT, OutputT> via(
      SimpleFunction<InputT, ? extends Iterable<OutputT>> fn) {
    Preconditions.checkNotNull(fn, "FlatMapElements.via(null)");
    return new FlatMapElements<>(fn, iterableElementType(fn.getOutputTypeDescriptor()));
  }

  /**
   * Flat-maps with a function of unknown output type (a lambda). The output needs a coder:
   * prefer {@code FlatMapElements.into(type).via(fn)}, or call {@code setCoder} on the output.
   */
  public static <InputT, OutputT> FlatMapElements<InputT, OutputT> via(
      SerializableFunction<InputT, ? extends Iterable<OutputT>> fn) {
    return new FlatMapElements<>(fn, iterableElementType(Composites.outputTypeOf(fn)));
  }

  @SuppressWarnings("unchecked")
  private static <OutputT> TypeDescriptor<OutputT> iterableElementType(TypeDescriptor<?> type) {
    if (type == null) {
      return null;
    }
    TypeDescriptor<?> element = type.resolveType(Iterable.class.getTypeParameters()[0]);
    return element.hasUnresolvedParameters() ? null : (TypeDescriptor<OutputT>) element;
  }

  /** The declared output element type, or null when unknown. */
  public TypeDescriptor<OutputT> getOutputTypeDescriptor() {
    return outputType;
  }

  @Override
  public PCollection<OutputT> expand(PCollection<? extends InputT> input) {
    Pipeline p = input.getPipeline();
    SerializableCheck.check(fn, "the function of step '" + p.currentStepName() + "'");
    String unknown = Composites.unknownOutputType(p, "FlatMapElements",
        "FlatMapElements.into(TypeDescriptors.strings()).via(line -> List.of(line.split(\" \")))");
    PCollection<OutputT> out = input.apply("FlatMap", ParDo.of(new FlatMapFn<>(fn, outputType)));
    return Composites.inferCoderFrom(out, outputType, unknown);
  }

  /** The half-built {@code FlatMapElements.into(type)}; finish it with {@link #via}. */
  public static final class Into<OutputT> {
    private final TypeDescriptor<OutputT> outputType;

    private Into(TypeDescriptor<OutputT> outputType) {
      this.outputType = outputType;
    }

    /** Outputs every element of the iterable {@code fn} returns for each input. */
    public <InputT> FlatMapElements<InputT, OutputT> via(
        SerializableFunction<InputT, ? extends Iterable<OutputT>> fn) {
      return new FlatMapElements<>(fn, outputType);
    }
  }

  /** The DoFn behind {@link FlatMapElements}. */
  private static final class FlatMapFn<InputT, OutputT> extends DoFn<InputT, OutputT> {
    private final SerializableFunction<InputT, ? extends Iterable<OutputT>> fn;
    private final transient TypeDescriptor<OutputT> outputType;

    FlatMapFn(
        SerializableFunction<InputT, ? extends Iterable<OutputT>> fn,
        TypeDescriptor<OutputT> outputType) {
      this.fn = fn;
      this.outputType = outputType;
    }

    @Override
    public void processElement(ProcessContext c) {
      Iterable<OutputT> results = Composites.checkNotNullResult(
          fn.apply(c.element()), "The function of FlatMapElements", c.element());
      for (OutputT o : results) {
        c.output(o);
      }
    }

    @Override
    public TypeDescriptor<OutputT> getOutputTypeDescriptor() {
      return outputType;
    }
  }
}
