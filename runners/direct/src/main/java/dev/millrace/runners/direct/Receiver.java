package dev.millrace.runners.direct;

import dev.millrace.windowing.WindowedValue;

/** Accepts the elements of one collection within one task. */
@FunctionalInterface
interface Receiver {
  Receiver DISCARD = v -> {};

  void accept(WindowedValue<?> value);
}
