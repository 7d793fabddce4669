package dev.millrace.runners.core;

import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowedValue;

/** Where a running step sends its outputs, by output tag. */
@FunctionalInterface
public interface OutputManager {
  /** Delivers one output element of the given tag. */
  <T> void output(TupleTag<T> tag, WindowedValue<T> value);
}
