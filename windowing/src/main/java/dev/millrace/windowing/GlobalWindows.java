package dev.millrace.windowing;

import java.util.Collection;
import java.util.List;

/**
 * Puts every element into the single {@link GlobalWindow}: the default window function of every
 * collection. Side inputs in the global window are read by main inputs in any window.
 */
public record GlobalWindows() implements WindowFn<GlobalWindow> {
  private static final List<GlobalWindow> ONLY = List.of(GlobalWindow.INSTANCE);

  /** The global window function. */
  public static GlobalWindows of() {
    return new GlobalWindows();
  }

  @Override
  public Collection<GlobalWindow> assignWindows(long timestampMillis) {
    return ONLY;
  }

  @Override
  public StateCodec<GlobalWindow> windowCodec() {
    return StateCodecs.globalWindows();
  }

  /** Always the global window, whatever the main input's window. */
  @Override
  public BoundedWindow sideInputWindow(BoundedWindow mainWindow) {
    return GlobalWindow.INSTANCE;
  }

  @Override
  public String toString() {
    return "GlobalWindows.of()";
  }
}
