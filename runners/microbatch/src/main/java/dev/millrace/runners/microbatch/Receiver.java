package dev.millrace.runners.microbatch;

import dev.millrace.windowing.WindowedValue;

/** Accepts the elements of one collection within one task of a batch. */
@FunctionalInterface
interface Receiver {
  Receiver DISCARD = v -> {};

  void accept(WindowedValue<?> value);
}
