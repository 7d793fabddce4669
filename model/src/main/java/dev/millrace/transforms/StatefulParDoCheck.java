package dev.millrace.transforms;

import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.NonDeterministicException;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.internal.DoFnDeclarations;
import dev.millrace.values.PCollection;

/**
 * The construction-time checks of a stateful ParDo (one whose DoFn declares state or timers):
 * keyed input with a deterministic key coder, non-merging windows, an {@code onTimer} when timers
 * are declared, and coders for every state cell.
 */
final class StatefulParDoCheck {
  private StatefulParDoCheck() {}

  static void checkIfStateful(DoFn<?, ?> fn, PCollection<?> input, String step) {
    if (!DoFnDeclarations.isStateful(fn)) {
      return;
    }
    DoFnDeclarations decl = DoFnDeclarations.of(fn);
    String what = "Step '" + step + "' applies the stateful DoFn " + fn.getClass().getName()
        + " (it declares " + decl.stateSpecs().keySet() + decl.timerSpecs().keySet() + ")";
    Coder<?> coder = input.getCoder();
    if (!(coder instanceof KvCoder<?, ?> kv)) {
      throw new IllegalStateException(what + ", so its input '" + input.getName()
          + "' must be a PCollection of KV (state is kept per key) with a KvCoder, but its coder "
          + "is " + coder + ". Key the input first, e.g. with WithKeys.of(...), or set "
          + ".setCoder(KvCoder.of(keyCoder, valueCoder)).");
    }
    try {
      kv.getKeyCoder().verifyDeterministic();
    } catch (NonDeterministicException e) {
      throw new IllegalStateException(what + ", but the key coder " + kv.getKeyCoder()
          + " of its input '" + input.getName() + "' is not deterministic (" + e.getMessage()
          + "). State is kept per encoded key, so equal keys must encode to equal bytes: use a "
          + "key type with a deterministic coder (String, Long, Integer, a record of such, ...).",
          e);
    }
    if (input.getWindowingStrategy().windowFn().isMerging()) {
      throw new IllegalStateException(what + ", but its input '" + input.getName()
          + "' uses the merging window function " + input.getWindowingStrategy().windowFn()
          + "; state cannot follow merging windows. Group first, or use non-merging windows.");
    }
    if (!decl.timerSpecs().isEmpty() && !decl.overridesOnTimer()) {
      throw new IllegalStateException(what + ": it declares the timers "
          + decl.timerSpecs().keySet() + " but does not override onTimer(OnTimerContext), "
          + "which is called when they fire. Override it.");
    }
    for (var e : decl.stateSpecs().entrySet()) {
      StateSpec<?> spec = e.getValue();
      if (spec.coderProblem() != null) {
        throw new IllegalStateException(what + ": state '" + e.getKey() + "' has no coder: "
            + spec.coderProblem());
      }
    }
  }
}
