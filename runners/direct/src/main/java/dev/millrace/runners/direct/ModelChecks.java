package dev.millrace.runners.direct;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.internal.Truncate;
import dev.millrace.runners.core.DoFnRunner;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.values.PCollection;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The direct runner's model checks ({@code --enforceEncodability}, {@code --enforceImmutability}):
 * every element must round-trip through its collection's coder, and DoFns must not modify their
 * input, nor an element after outputting it. Violations fail the pipeline with the step, the
 * element and what to do about it.
 */
final class ModelChecks {
  private ModelChecks() {}

  /** Wraps a receiver of {@code pc} so every element is checked against pc's coder. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Receiver encodability(PCollection<?> pc, Receiver next) {
    Coder coder = pc.getCoder();
    return v -> {
      Object value = v.value();
      byte[] bytes;
      try {
        bytes = CoderUtils.encodeToByteArray(coder, value);
        Object decoded = CoderUtils.decodeFromByteArray(coder, bytes);
        byte[] again = CoderUtils.encodeToByteArray(coder, decoded);
        if (!Arrays.equals(bytes, again)) {
          throw new IllegalStateException("decoding and re-encoding gave different bytes");
        }
      } catch (Exception e) {
        throw UserCodeException.forElement(
            producerName(pc), "encoding its output",
            value,
            new IllegalStateException(
                "the element does not round-trip through the coder " + coder + " of PCollection '"
                    + pc.getName() + "' (" + e.getMessage() + "). Give that PCollection a coder "
                    + "that can encode every element, with .setCoder(...).", e));
      }
      next.accept(v);
    };
  }

  private static String producerName(PCollection<?> pc) {
    return pc.getName();
  }

  /** Runs one element with the immutability checks. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void processChecked(
      ParDoStep step, Coder inputCoder, DoFnRunner runner, OutputRecorder recorder,
      WindowedValue<?> v) {
    byte[] before = encode(step, inputCoder, v.value(), "its input");
    recorder.clear();
    runner.processElement(v);
    byte[] after = encode(step, inputCoder, v.value(), "its input");
    if (!Arrays.equals(before, after)) {
      throw UserCodeException.forElement(step.name(), "processElement", v.value(),
          new IllegalStateException("the DoFn modified its input element. Elements are "
              + "immutable: copy the element and modify the copy (or switch this check off with "
              + "--enforceImmutability=false)."));
    }
    recorder.verify();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static byte[] encode(ParDoStep step, Coder coder, Object value, String what) {
    try {
      return CoderUtils.encodeToByteArray(coder, value);
    } catch (Exception e) {
      throw UserCodeException.forElement(step.name(), "encoding " + what, value, e);
    }
  }

  /** Remembers the outputs of one processElement call with their encodings. */
  static final class OutputRecorder {
    private final ParDoStep step;
    private final List<Object> values = new ArrayList<>();
    private final List<byte[]> encodings = new ArrayList<>();
    private final List<Coder<?>> coders = new ArrayList<>();

    OutputRecorder(ParDoStep step) {
      this.step = step;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void record(TupleTag<?> tag, Object value) {
      Coder coder = step.outputs().get(tag).getCoder();
      values.add(value);
      coders.add(coder);
      encodings.add(encode(step, coder, value, "its output"));
    }

    void clear() {
      values.clear();
      encodings.clear();
      coders.clear();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void verify() {
      for (int i = 0; i < values.size(); i++) {
        byte[] now = encode(step, (Coder) coders.get(i), values.get(i), "its output");
        if (!Arrays.equals(now, encodings.get(i))) {
          throw UserCodeException.forElement(step.name(), "processElement", values.get(i),
              new IllegalStateException("the DoFn modified an element after outputting it (now "
                  + Truncate.toString(values.get(i)) + "). Output a new object instead of "
                  + "reusing one (or switch this check off with --enforceImmutability=false)."));
        }
      }
      clear();
    }
  }
}
