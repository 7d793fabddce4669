package dev.millrace.transforms;

import dev.millrace.internal.TypeTokens;
import dev.millrace.values.TypeDescriptor;
import java.lang.reflect.Type;

/**
 * A {@link SerializableFunction} whose input and output types are known at run time, because a
 * concrete subclass binds them:
 *
 * <pre>{@code
 * words.apply(MapElements.via(new SimpleFunction<String, Integer>() {
 *   public Integer apply(String word) {
 *     return word.length();
 *   }
 * }));
 * }</pre>
 *
 * <p>Transforms that take a function ({@code MapElements}, {@code FlatMapElements}, {@code
 * WithKeys}, ...) read the output type from it to infer the output coder, so no {@code
 * .into(...)} is needed. A lambda cannot offer this (Java erases its types); use {@code
 * MapElements.into(TypeDescriptors.xxx()).via(lambda)} for lambdas, or {@link
 * #fromSerializableFunctionWithOutputType} to wrap one.
 *
 * @param <InputT> the input type
 * @param <OutputT> the output type
 */
public abstract class SimpleFunction<InputT, OutputT>
    implements SerializableFunction<InputT, OutputT> {
  private static final long serialVersionUID = 1L;

  /** The function itself. */
  @Override
  public abstract OutputT apply(InputT input);

  /**
   * The input type, read from the subclass's type arguments; null when it is not bound to a
   * concrete type (for example when the subclass is itself generic).
   */
  public TypeDescriptor<InputT> getInputTypeDescriptor() {
    return typeArgument(0);
  }

  /**
   * The output type, read from the subclass's type arguments; null when it is not bound to a
   * concrete type.
   */
  public TypeDescriptor<OutputT> getOutputTypeDescriptor() {
    return typeArgument(1);
  }

  @SuppressWarnings("unchecked")
  private <T> TypeDescriptor<T> typeArgument(int index) {
    Type t = TypeTokens.typeArgument(this, SimpleFunction.class, index);
    return t == null ? null : (TypeDescriptor<T>) TypeDescriptor.of(t);
  }

  /**
   * Wraps a function (typically a lambda) together with its declared output type, so that it can
   * be used wherever a {@code SimpleFunction} is expected.
   */
  public static <InputT, OutputT> SimpleFunction<InputT, OutputT>
      fromSerializableFunctionWithOutputType(
          SerializableFunction<InputT, OutputT> fn, TypeDescriptor<OutputT> outputType) {
    return new WithOutputType<>(fn, outputType);
  }

  /** The result of {@link #fromSerializableFunctionWithOutputType}. */
  private static final class WithOutputType<InputT, OutputT> extends SimpleFunction<InputT, OutputT> {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<InputT, OutputT> fn;
    private final TypeDescriptor<OutputT> outputType;

    WithOutputType(SerializableFunction<InputT, OutputT> fn, TypeDescriptor<OutputT> outputType) {
      this.fn = java.util.Objects.requireNonNull(fn, "fn");
      this.outputType = java.util.Objects.requireNonNull(outputType, "outputType");
    }

    @Override
    public OutputT apply(InputT input) {
      return fn.apply(input);
    }

    @Override
    public TypeDescriptor<InputT> getInputTypeDescriptor() {
      return null;
    }

    @Override
    public TypeDescriptor<OutputT> getOutputTypeDescriptor() {
      return outputType;
    }
  }
}
