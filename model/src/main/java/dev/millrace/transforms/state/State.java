package dev.millrace.transforms.state;

/**
 * A cell of per-key, per-window state of a stateful {@code DoFn}, obtained with
 * {@code c.state(SPEC)} from a {@link StateSpec} the DoFn declares as a field. The view reads and
 * writes through to the runner's storage: obtain it again at any time and it shows the current
 * contents. State is scoped to the current key and window and is garbage-collected when the window
 * expires (its end plus the allowed lateness).
 */
public interface State {
  /** Removes the contents; the cell then reads as never written. */
  void clear();
}
