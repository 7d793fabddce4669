package dev.millrace.transforms;

import dev.millrace.Pipeline;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptor;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the composite transforms of this package. Not public API. */
final class Composites {
  private Composites() {}

  /** The output type a function declares: known for {@link SimpleFunction}s, null for lambdas. */
  static <T> TypeDescriptor<T> outputTypeOf(SerializableFunction<?, T> fn) {
    if (fn instanceof SimpleFunction<?, T> sf) {
      return sf.getOutputTypeDescriptor();
    }
    return null;
  }

  /**
   * Declares {@code out}'s element type (may be null) and makes its coder be inferred from it,
   * failing with {@code unknownTypeMessage} when the type is null. A coder set later with
   * {@code setCoder} wins.
   */
  static <T> PCollection<T> inferCoderFrom(
      PCollection<T> out, TypeDescriptor<T> type, String unknownTypeMessage) {
    Pipeline p = out.getPipeline();
    out.setTypeDescriptor(type);
    out.setCoderInference(() -> ParDo.inferCoder(p, type, unknownTypeMessage));
    return out;
  }

  /** The KvCoder of a keyed input, or an error naming the step and saying how to fix it. */
  @SuppressWarnings("unchecked")
  static <K, V> KvCoder<K, V> kvCoderOf(PCollection<? extends KV<K, V>> input) {
    Coder<?> coder = input.getCoder();
    if (coder instanceof KvCoder<?, ?> kv) {
      return (KvCoder<K, V>) kv;
    }
    throw new IllegalStateException(
        "Step '" + input.getPipeline().currentStepName() + "' needs a PCollection of KV with a "
            + "KvCoder as its input, but '" + input.getName() + "' has the coder " + coder
            + ". Set one with .setCoder(KvCoder.of(keyCoder, valueCoder)).");
  }

  /** The message for a lambda whose output type is unknown, naming the fix. */
  static String unknownOutputType(Pipeline p, String transform, String example) {
    return "the output type of the function of step '" + p.currentStepName() + "' is not known "
        + "(Java erases the types of lambdas). Declare it with " + transform
        + ".into(TypeDescriptors.xxx()).via(...), e.g. " + example + ", or pass a "
        + "SimpleFunction subclass";
  }

  /** {@code list} itself when it is a mutable ArrayList, otherwise a mutable copy. */
  static <T> ArrayList<T> mutable(List<T> list) {
    return list instanceof ArrayList<T> a ? a : new ArrayList<>(list);
  }

  /** Fails when a user function returned null where a value is needed. */
  static <T> T checkNotNullResult(T value, String what, Object element) {
    if (value == null) {
      throw new IllegalStateException(
          what + " returned null for element " + dev.millrace.internal.Truncate.toString(element)
              + "; it must return a value");
    }
    return value;
  }
}
