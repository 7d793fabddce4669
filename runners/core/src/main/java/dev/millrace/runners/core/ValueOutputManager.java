package dev.millrace.runners.core;

import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowedValue;

/**
 * An {@link OutputManager} that also accepts outputs which keep the metadata (timestamp, the
 * single window, pane) of the element being processed, without a new {@link WindowedValue} per
 * output: a runner that fuses steps can pass the value and the metadata on as they are. A
 * {@link DoFnRunner} uses it for {@code output(value)} calls on elements in exactly one window;
 * everything else still goes through {@link #output}.
 */
public interface ValueOutputManager extends OutputManager {
  /**
   * Delivers one output of the given tag whose timestamp, windows and pane are those of {@code
   * metadata} (its value is not the output and must be ignored).
   */
  <T> void outputValue(TupleTag<T> tag, T value, WindowedValue<?> metadata);
}
